import pytest

from benluc.text import article_dateline, fold, header_dateline, slugify_vi


@pytest.mark.parametrize(
    "title, slug",
    [
        ("Đánh giá công tác Dân vận", "danh-gia-cong-tac-dan-van"),
        ("ĐẠI HỘI ĐẢNG BỘ", "dai-hoi-dang-bo"),
        ("đường đê Đồng Đước", "duong-de-dong-duoc"),
        # Every tone on a (ngang, huyền, sắc, hỏi, ngã, nặng) and every vowel shape.
        ("a à á ả ã ạ", "a-a-a-a-a-a"),
        ("ă ằ ắ ẳ ẵ ặ â ầ ấ ẩ ẫ ậ", "a-a-a-a-a-a-a-a-a-a-a-a"),
        ("ê ề ế ể ễ ệ", "e-e-e-e-e-e"),
        ("ô ồ ố ổ ỗ ộ ơ ờ ớ ở ỡ ợ", "o-o-o-o-o-o-o-o-o-o-o-o"),
        ("ư ừ ứ ử ữ ự", "u-u-u-u-u-u"),
        ("ì í ỉ ĩ ị ỳ ý ỷ ỹ ỵ", "i-i-i-i-i-y-y-y-y-y"),
        ("Quy chế Dân chủ – 6 tháng/2022", "quy-che-dan-chu-6-thang2022"),
        # Decomposed (NFD) input gives the same slug as composed input.
        ("Ho\u0302\u0323i nghi\u0323", "hoi-nghi"),
    ],
)
def test_slugify_vi_folds_vietnamese(title, slug):
    assert slugify_vi(title) == slug


@pytest.mark.parametrize(
    "text", ["Hội nghị Dân vận", "HỘI NGHỊ DÂN VẬN", "hoi nghi dan van", "Ho\u0302\u0323i nghi\u0323 Da\u0302n va\u0302\u0323n"]
)
def test_fold_makes_every_spelling_equal(text):
    assert fold(text) == "hoi nghi dan van"


def test_datelines_use_vietnamese_weekdays_and_gmt7():
    from datetime import datetime, timezone as dt_tz

    moment = datetime(2022, 7, 1, 7, 43, 32, tzinfo=dt_tz.utc)  # 14:43:32 in Vietnam
    assert article_dateline(moment) == "Thứ 6, 01/07/2022 | 14:43:32 [GMT +7]"
    assert header_dateline(datetime(2022, 8, 16, 4, 26, tzinfo=dt_tz.utc)) == "Thứ Ba, 16/08/2022 11:26 (GMT +7)"

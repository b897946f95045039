"""The documents pages pass the W3C Nu HTML checker (vnu-jar) with zero errors.

Java and the jar are test requirements (`make test` installs both): a machine without them
fails here rather than skipping.
"""

import json
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from django.conf import settings

from documents.models import DocumentType, Issuer, Sector
from tests.fixtures.documents import office_bytes, pdf_bytes


def _vnu(files):
    java = shutil.which("java")
    jar = Path(settings.BASE_DIR) / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
    if java is None or not jar.exists():
        pytest.fail("The Nu HTML checker needs Java and node_modules/vnu-jar: run `make test`.")
    result = subprocess.run(
        [java, "-jar", str(jar), "--errors-only", "--format", "json", *map(str, files)],
        capture_output=True, text=True, timeout=300,
    )
    report = json.loads(result.stderr or result.stdout or '{"messages": []}')
    return [
        f"{Path(m.get('url', '')).name}:{m.get('lastLine', '?')}: {m['message']}\n    {m.get('extract', '').strip()}"
        for m in report["messages"]
        if m["type"] in ("error", "non-document-error")
    ]


@pytest.fixture
def documents_pages(make_document, sector):
    """Name → URL of every kind of documents page, with content that exercises them."""
    council = Issuer.objects.create(name="Hội đồng nhân dân xã Bến Lức")
    Sector.objects.create(name="Y tế")
    new = make_document(number="200/QĐ-UBND", summary="Quy chế làm việc mới & sửa đổi <2024>",
                        files=[("Quy chế.pdf", pdf_bytes()), ("Biểu mẫu.docx", office_bytes())])
    old = make_document(number="20/QĐ-UBND", summary="Quy chế làm việc của UBND xã\nnhiệm kỳ 2021–2026",
                        sector=sector, replaced_by=new, signer="Chủ tịch Trần Văn B",
                        effective_on=date(2021, 1, 14), expires_on=date(2024, 6, 1), issued_on=date(2021, 1, 4))
    for n in range(22):
        make_document(number=f"{n + 1}/TB-UBND", doc_type=DocumentType.THONG_BAO, issuer=council)
    return {
        "van-ban": "/van-ban/",
        "van-ban-trang-2": "/van-ban/?trang=2",
        "van-ban-loc": "/van-ban/?loai=thong-bao&nam=2024",
        "van-ban-tim": "/van-ban/?q=qd-ubnd",
        "van-ban-khong-thay": "/van-ban/?q=khong+co+gi",
        "van-ban-bo-loc-sai": "/van-ban/?loai=sai&nam=abcd",
        "van-ban-chi-tiet": new.get_absolute_url(),
        "van-ban-het-hieu-luc": old.get_absolute_url(),
    }


def test_documents_pages_pass_the_nu_html_checker(client, documents_pages, tmp_path):
    written = []
    for name, url in documents_pages.items():
        response = client.get(url)
        assert response.status_code == 200, url
        path = tmp_path / f"{name}.html"
        path.write_bytes(response.content)
        written.append(path)
    assert _vnu(written) == []


def test_drafts_pages_pass_the_nu_html_checker(client, make_draft, draft_comment_data, tmp_path):
    import time_machine

    from comments.models import Comment
    from consultations.models import DraftComment

    with time_machine.travel(date(2024, 5, 10), tick=False):
        current = make_draft(title="Dự thảo Quy chế quản lý chợ <Bến Lức> & các điểm bán")
        closed = make_draft(opens_on=date(2024, 3, 1), closes_on=date(2024, 3, 31),
                            responses_summary="Đã nhận 12 ý kiến.\n\nTiếp thu 9 ý kiến.")
        DraftComment.objects.create(draft=current, name="Lê Văn Tư", email="tu@example.com",
                                    body="Dòng một\nDòng hai <b>x</b>", status=Comment.Status.APPROVED)
        pages = {
            "du-thao": client.get("/du-thao/"),
            "du-thao-dang-mo": client.get(current.get_absolute_url()),
            "du-thao-da-dong": client.get(closed.get_absolute_url()),
            "gop-y": client.get(current.get_comment_url()),
            "gop-y-loi": client.post(current.get_comment_url(), draft_comment_data(current, body="ạ" * 501, email="sai")),
            "gop-y-da-dong": client.get(closed.get_comment_url()),
            "gop-y-da-dong-post": client.post(closed.get_comment_url(), draft_comment_data(closed)),
        }
    written = []
    for name, response in pages.items():
        assert response.status_code in (200, 403), name
        path = tmp_path / f"{name}.html"
        path.write_bytes(response.content)
        written.append(path)
    assert _vnu(written) == []

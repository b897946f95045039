"""Văn bản: the list, its filters and search (by number and symbol, by words), a page per
document, its files, per-site scoping, caching and query budgets."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from lxml import html

from documents.models import Document, DocumentType, Issuer, Sector
from sites.models import Site
from tests.fixtures.documents import office_bytes, pdf_bytes

LIST = "/van-ban/"


def _numbers(response):
    tree = html.fromstring(response.content)
    return [n.text_content() for n in tree.cssselect(".doc-list .doc-number")]


@pytest.fixture
def archive(make_document, issuer, sector):
    council = Issuer.objects.create(name="Hội đồng nhân dân xã Bến Lức")
    health = Sector.objects.create(name="Y tế")
    return {
        "decision": make_document(
            number="125/QĐ-UBND", summary="Ban hành Kế hoạch phòng, chống dịch bệnh mùa mưa năm 2024",
            sector=health, issued_on=date(2024, 5, 6), signer="Chủ tịch Nguyễn Văn A",
        ),
        "other_decision": make_document(
            number="34/QĐ-UBND", summary="Giao đất ở cho hộ gia đình tại ấp 3", sector=sector,
            issued_on=date(2023, 2, 1),
        ),
        # Mentions 125 in its text only: found by "125", after the document numbered 125.
        "plan": make_document(
            number="12/KH-UBND", doc_type=DocumentType.KE_HOACH, issued_on=date(2024, 7, 1),
            summary="Triển khai Quyết định 125 về phòng chống dịch bệnh",
        ),
        "resolution": make_document(
            number="15/2024/NQ-HĐND", doc_type=DocumentType.NGHI_QUYET, issuer=council,
            summary="Thông qua dự toán ngân sách xã năm 2025", issued_on=date(2024, 12, 10),
        ),
        "council": council,
        "health": health,
    }


@pytest.mark.parametrize(
    "query, expected",
    [
        ("125/QĐ-UBND", ["125/QĐ-UBND"]),
        ("125/qđ-ubnd", ["125/QĐ-UBND"]),
        ("125/QD-UBND", ["125/QĐ-UBND"]),
        ("  125 / QĐ - UBND ", ["125/QĐ-UBND"]),
        # The number alone: the document with that number first, then one quoting it.
        ("125", ["125/QĐ-UBND", "12/KH-UBND"]),
        # The symbol alone: every decision of the UBND, newest first.
        ("qd-ubnd", ["125/QĐ-UBND", "34/QĐ-UBND"]),
        ("QĐ-UBND", ["125/QĐ-UBND", "34/QĐ-UBND"]),
        ("NQ-HĐND", ["15/2024/NQ-HĐND"]),
        ("15/2024/NQ-HDND", ["15/2024/NQ-HĐND"]),
        # Not a prefix of a number: 12 is not 125.
        ("12", ["12/KH-UBND"]),
        # Words, folded as article search folds them.
        ("ke hoach phong chong dich mua mua", ["125/QĐ-UBND"]),
        ("ke hoach phong chong dich", ["12/KH-UBND", "125/QĐ-UBND"]),
        ("PHÒNG CHỐNG DỊCH", ["12/KH-UBND", "125/QĐ-UBND"]),
        ("du toan ngan sach", ["15/2024/NQ-HĐND"]),
        ("hoi dong nhan dan", ["15/2024/NQ-HĐND"]),
        ("nguyen van a", ["125/QĐ-UBND"]),
        ("khong co van ban nay", []),
    ],
)
def test_search_by_number_symbol_and_words(client, archive, query, expected):
    response = client.get(LIST, {"q": query})
    assert response.status_code == 200
    assert _numbers(response) == expected


def test_filters_by_type_issuer_sector_and_year(client, archive):
    assert _numbers(client.get(LIST, {"loai": "nghi-quyet"})) == ["15/2024/NQ-HĐND"]
    assert _numbers(client.get(LIST, {"co-quan": archive["council"].pk})) == ["15/2024/NQ-HĐND"]
    assert _numbers(client.get(LIST, {"linh-vuc": "y-te"})) == ["125/QĐ-UBND"]
    assert _numbers(client.get(LIST, {"nam": "2023"})) == ["34/QĐ-UBND"]
    assert _numbers(client.get(LIST, {"nam": "2024", "loai": "quyet-dinh"})) == ["125/QĐ-UBND"]
    assert _numbers(client.get(LIST, {"nam": "2024", "q": "phong chong"})) == ["12/KH-UBND", "125/QĐ-UBND"]
    everything = _numbers(client.get(LIST))
    assert everything == ["15/2024/NQ-HĐND", "12/KH-UBND", "125/QĐ-UBND", "34/QĐ-UBND"]  # newest first
    # The form offers what the site has, and keeps the reader's choice.
    tree = html.fromstring(client.get(LIST, {"nam": "2023"}).content)
    assert [o.get("value") for o in tree.cssselect("#van-ban-nam option")] == ["", "2024", "2023"]
    assert tree.cssselect("#van-ban-nam option[selected]")[0].get("value") == "2023"
    assert [o.text for o in tree.cssselect("#van-ban-linh-vuc option")] == ["Tất cả", "Đất đai", "Y tế"]


@pytest.mark.parametrize(
    "params",
    [
        {"loai": "<script>alert(1)</script>"},
        {"co-quan": "99999999999999999999999"},
        {"co-quan": "-1"},
        {"co-quan": "1 OR 1=1"},
        {"linh-vuc": "../../etc/passwd"},
        {"linh-vuc": "Đất đai"},
        {"nam": "abcd"},
        {"nam": "99999"},
        {"nam": "1800"},
        {"nam": "²⁰²⁴"},
        {"q": "x" * 5000},
        {"q": "125\x00/QĐ"},
        {"q": "%' OR 1=1 --"},
        {"q": "-"},
    ],
)
def test_hostile_filter_values_are_ignored_never_a_500(client, archive, params):
    response = client.get(LIST, params)
    assert response.status_code == 200
    # Whatever was ignored is said; free text found nothing or something, but answered.
    if "q" not in params:
        assert html.fromstring(response.content).cssselect(".notice")
        assert len(_numbers(response)) == 4


@pytest.mark.parametrize("number", ["0", "-1", "abc", "9999999", "3"])
def test_a_page_number_out_of_range_is_404(client, archive, number):
    assert client.get(LIST, {"trang": number}).status_code == 404


def test_list_is_paginated_and_links_keep_the_filters(client, make_document, issuer):
    for n in range(25):
        make_document(number=f"{n + 1}/TB-UBND", doc_type=DocumentType.THONG_BAO, issued_on=date(2024, 1, 1) + timedelta(days=n))
    make_document(number="1/KH-UBND", doc_type=DocumentType.KE_HOACH)
    first = client.get(LIST, {"loai": "thong-bao"})
    assert len(_numbers(first)) == 20 and _numbers(first)[0] == "25/TB-UBND"
    next_link = html.fromstring(first.content).cssselect(".pagination a[rel=next]")[0].get("href")
    assert "loai=thong-bao" in next_link and "trang=2" in next_link
    second = client.get(LIST + next_link)
    assert _numbers(second) == [f"{n}/TB-UBND" for n in range(5, 0, -1)]


def test_document_page_shows_its_facts_files_and_replacement(client, make_document, sector):
    new = make_document(number="200/QĐ-UBND", summary="Quy chế làm việc mới của Ủy ban nhân dân xã",
                        issued_on=date(2024, 6, 1))
    old = make_document(
        number="20/QĐ-UBND", summary="Quy chế làm việc của Ủy ban nhân dân xã", sector=sector,
        issued_on=date(2021, 1, 4), effective_on=date(2021, 1, 14), signer="Chủ tịch Trần Văn B",
        replaced_by=new, files=[("Quy chế làm việc.pdf", pdf_bytes()), ("Phụ lục biểu mẫu.xlsx", office_bytes("xlsx"))],
    )
    response = client.get(old.get_absolute_url())
    assert response.status_code == 200
    tree = html.fromstring(response.content)
    assert tree.cssselect("h1")[0].text_content() == "Quyết định số 20/QĐ-UBND"
    facts = {d.cssselect("dt")[0].text_content(): d.cssselect("dd")[0].text_content() for d in tree.cssselect(".doc-facts > div")}
    assert facts["Người ký"] == "Chủ tịch Trần Văn B"
    assert facts["Ngày có hiệu lực"] == "14/01/2021"
    assert facts["Lĩnh vực"] == "Đất đai"
    assert facts["Tình trạng hiệu lực"] == "Hết hiệu lực"
    replaced = tree.cssselect(".doc-replaced a")[0]
    assert replaced.get("href") == new.get_absolute_url()
    files = [(a.text_content(), a.get("type")) for a in tree.cssselect(".doc-files a")]
    assert files == [("Quy chế làm việc.pdf", "application/pdf"),
                     ("Phụ lục biểu mẫu.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")]
    # Dublin Core for the document.
    dc = {m.get("name"): m.get("content") for m in tree.cssselect("meta[name^='DC.']")}
    assert dc["DC.title"] == "Quy chế làm việc của Ủy ban nhân dân xã"
    assert dc["DC.date"] == "2021-01-04"
    assert dc["DC.creator"] == "Ủy ban nhân dân xã Bến Lức"
    assert dc["DC.identifier"] == "http://testserver" + old.get_absolute_url()
    assert {"DC.description", "DC.publisher"} <= set(dc)
    # The replacing document names what it replaces.
    newer = html.fromstring(client.get(new.get_absolute_url()).content)
    assert [a.get("href") for a in newer.cssselect("#thay-the ~ ul a")] == [old.get_absolute_url()]


def test_validity_follows_the_dates_in_vietnam_time(make_document):
    document = make_document(effective_on=date(2024, 3, 10), expires_on=date(2025, 1, 1))
    assert document.validity(date(2024, 3, 9)) == "Chưa có hiệu lực"
    assert document.validity(date(2024, 3, 10)) == "Còn hiệu lực"
    assert document.validity(date(2024, 12, 31)) == "Còn hiệu lực"
    assert document.validity(date(2025, 1, 1)) == "Hết hiệu lực"


def test_stale_slug_redirects_and_unpublished_or_other_site_is_404(client, make_document, make_site):
    document = make_document(number="125/QĐ-UBND")
    assert document.get_absolute_url() == f"/van-ban/125-qd-ubnd-{document.pk}/"
    stale = client.get(f"/van-ban/sai-so-{document.pk}/")
    assert stale.status_code == 301 and stale["Location"] == document.get_absolute_url()
    hidden = make_document(is_published=False)
    assert client.get(hidden.get_absolute_url()).status_code == 404
    assert hidden.number not in _numbers(client.get(LIST))
    other = make_site("tanan")
    elsewhere = make_document(issuer=Issuer.objects.create(site=other, name="UBND phường Tân An"))
    assert client.get(elsewhere.get_absolute_url()).status_code == 404
    assert elsewhere.number not in _numbers(client.get(LIST))
    assert client.get(elsewhere.get_absolute_url(), HTTP_HOST="tanan.test").status_code == 200
    assert _numbers(client.get(LIST, HTTP_HOST="tanan.test")) == [elsewhere.number]


def test_files_are_served_with_their_type_and_vietnamese_name(client, make_document):
    document = make_document(files=[
        ("Quyết định 125.pdf", pdf_bytes()),
        ("Kế hoạch chi tiết.docx", office_bytes("docx")),
    ])
    pdf, docx = document.attachments.all()
    response = client.get(pdf.get_absolute_url())
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == "inline; filename*=utf-8''Quy%E1%BA%BFt%20%C4%91%E1%BB%8Bnh%20125.pdf"
    assert b"".join(response.streaming_content) == pdf_bytes()
    assert response["X-Content-Type-Options"] == "nosniff"
    response = client.get(docx.get_absolute_url())
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    assert response["Content-Disposition"].startswith("attachment; filename*=utf-8''K%E1%BA%BF%20ho%E1%BA%A1ch")
    assert response["Content-Disposition"].endswith(".docx")
    # The stored name on disk is plain ASCII.
    assert pdf.file.name.startswith(f"van-ban/{document.site.slug}/2024/") and pdf.file.name.isascii()
    # Another extension on the same file, an unpublished document: 404.
    assert client.get(pdf.get_absolute_url()[: -len("pdf")] + "docx").status_code == 404
    Document.objects.filter(pk=document.pk).update(is_published=False)
    assert client.get(pdf.get_absolute_url()).status_code == 404


def test_list_is_cached_per_filter_and_an_edit_refreshes_it(client, archive, django_assert_num_queries):
    client.get(LIST)
    client.get(LIST, {"loai": "nghi-quyet"})
    with django_assert_num_queries(2):  # the site's version, twice; pages from the cache
        assert len(_numbers(client.get(LIST))) == 4
        assert _numbers(client.get(LIST, {"loai": "nghi-quyet"})) == ["15/2024/NQ-HĐND"]
    resolution = archive["resolution"]
    resolution.number = "16/2024/NQ-HĐND"
    resolution.save()
    assert _numbers(client.get(LIST, {"loai": "nghi-quyet"})) == ["16/2024/NQ-HĐND"]
    Document.objects.get(pk=archive["plan"].pk).delete()
    assert len(_numbers(client.get(LIST))) == 3


def _bulk_documents(count, issuer, sector):
    rows = []
    for n in range(count):
        document = Document(
            site_id=issuer.site_id, issuer=issuer, sector=sector if n % 2 else None,
            doc_type=DocumentType.QUYET_DINH if n % 3 else DocumentType.KE_HOACH,
            number=f"{n + 1}/QĐ-UBND", summary=f"Về việc phòng chống dịch bệnh đợt {n + 1}",
            issued_on=date(2020, 1, 1) + timedelta(days=n),
        )
        document.refresh_search()
        rows.append(document)
    Document.objects.bulk_create(rows)
    Site.objects.bump([issuer.site_id])


@pytest.mark.parametrize("count", [5, 500])
def test_query_budgets_do_not_grow_with_the_archive(client, issuer, sector, count, django_assert_num_queries, make_document):
    from django.core.cache import cache

    _bulk_documents(count, issuer, sector)
    detail = make_document(files=[("a.pdf", pdf_bytes()), ("b.docx", office_bytes())], sector=sector)
    Document.objects.filter(pk=Document.objects.order_by("pk").first().pk).update(replaced_by=detail)
    # Cold cache: version; the menu's sections and the filter choices (issuers, sectors,
    # years), each built once per content version; count; page.
    pages = {
        LIST: 7,
        LIST + f"?loai=quyet-dinh&nam=2020&trang={2 if count > 40 else 1}": 7,
        LIST + "?q=3/QĐ-UBND": 7,
        LIST + "?q=phong+chong+dich&linh-vuc=dat-dai": 7,
        LIST + f"?q=qd-ubnd&trang={2 if count > 40 else 1}": 7,
        # version; menu; the document with issuer, sector and replacement; its files; what it replaces
        detail.get_absolute_url(): 5,
    }
    for url, budget in pages.items():
        cache.clear()
        with django_assert_num_queries(budget):
            assert client.get(url).status_code == 200, url
    # With the menu and filter choices cached (the usual case), a search is three queries.
    client.get(LIST + "?q=warm")
    with django_assert_num_queries(3):
        client.get(LIST + "?q=dich+benh")


def test_the_main_menu_leads_to_the_documents(client, make_document):
    document = make_document()
    home = html.fromstring(client.get("/").content)
    link = [a for a in home.cssselect(".site-nav a") if a.text_content() == "Văn bản"]
    assert link and link[0].get("href") == LIST and link[0].get("aria-current") is None
    listing = html.fromstring(client.get(LIST).content)
    assert listing.cssselect(".site-nav a[aria-current=page]")[0].text_content() == "Văn bản"
    detail = html.fromstring(client.get(document.get_absolute_url()).content)
    assert detail.cssselect(".site-nav a[aria-current=true]")[0].text_content() == "Văn bản"


def test_the_cached_pages_show_the_new_validity_from_midnight_vietnam_time(client, make_document):
    import time_machine
    from datetime import datetime, timezone as dt_timezone

    vietnam = dt_timezone(timedelta(hours=7))
    with time_machine.travel(datetime(2024, 3, 5, 10, 0, tzinfo=vietnam), tick=False):
        document = make_document(issued_on=date(2024, 3, 1), effective_on=date(2024, 3, 10),
                                 expires_on=date(2024, 6, 1))

    def state(hour_moment):
        with time_machine.travel(hour_moment, tick=False):
            tree = html.fromstring(client.get(LIST).content)
            return tree.cssselect(".doc-item .doc-state")[0].text_content()

    assert state(datetime(2024, 3, 9, 23, 59, 0, tzinfo=vietnam)) == "Chưa có hiệu lực"
    assert state(datetime(2024, 3, 10, 0, 0, 1, tzinfo=vietnam)) == "Còn hiệu lực"
    assert state(datetime(2024, 5, 31, 23, 59, 0, tzinfo=vietnam)) == "Còn hiệu lực"
    assert state(datetime(2024, 6, 1, 0, 0, 1, tzinfo=vietnam)) == "Hết hiệu lực"
    assert document.next_change(datetime(2024, 6, 1, 0, 0, 1, tzinfo=vietnam)) is None

"""Documents in the back office: uploads checked by content, nothing saved from a bad form,
editors only, each on their own site."""

import io
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from lxml import html

from documents import files
from documents.models import Attachment, Document, Issuer
from tests.fixtures.documents import office_bytes, pdf_bytes

ADD = "admin:documents_document_add"


def _form(issuer, site, **overrides):
    data = {
        "site": site.pk, "doc_type": "quyet-dinh", "number": "125/QĐ-UBND", "issuer": issuer.pk,
        "signer": "Chủ tịch Nguyễn Văn A", "sector": "", "summary": "Ban hành kế hoạch phòng, chống dịch",
        "issued_on": "2024-05-06", "effective_on": "", "expires_on": "", "replaced_by": "",
        "is_published": "on",
        "attachments-TOTAL_FORMS": "0", "attachments-INITIAL_FORMS": "0",
        "attachments-MIN_NUM_FORMS": "0", "attachments-MAX_NUM_FORMS": "1000",
    }
    data.update(overrides)
    return data


def _with_files(data, uploads):
    data["attachments-TOTAL_FORMS"] = str(len(uploads))
    for n, upload in enumerate(uploads):
        data[f"attachments-{n}-file"] = upload
        data[f"attachments-{n}-name"] = ""
        data[f"attachments-{n}-position"] = str(n)
    return data


def _stored_files():
    root = Path(settings.MEDIA_ROOT)
    return sorted(p.name for p in root.rglob("*") if p.is_file()) if root.exists() else []


def _errors(response):
    tree = html.fromstring(response.content.decode())
    return [e.text_content().strip() for e in tree.cssselect(".errorlist li")]


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("quyet-dinh.pdf", office_bytes("docx"), "không phải là PDF (đây là tệp Word (DOCX))"),
        ("ke-hoach.docx", pdf_bytes(), "không phải là Word (DOCX) (đây là tệp PDF)"),
        ("bang-tinh.xlsx", office_bytes("docx"), "không phải là Excel (XLSX) (đây là tệp Word (DOCX))"),
        ("virus.pdf", b"MZ\x90\x00" + b"\x00" * 200, "không phải là PDF"),
        ("cat-ngang.pdf", pdf_bytes()[:200], "không phải là PDF"),
        ("zip-thuong.docx", b"PK\x03\x04" + b"\x00" * 100, "không phải là Word (DOCX)"),
        ("macro.docx", office_bytes("docx", macro=True), "có chứa macro"),
        ("macro.xlsx", office_bytes("xlsx", macro=True), "có chứa macro"),
        ("chuong-trinh.exe", pdf_bytes(), "chỉ nhận tệp PDF, DOCX hoặc XLSX"),
        ("khong-duoi", pdf_bytes(), "chỉ nhận tệp PDF, DOCX hoặc XLSX"),
    ],
)
def test_a_file_whose_content_is_not_its_extension_is_refused(name, content, message):
    with pytest.raises(ValidationError) as refused:
        files.validate_attachment(SimpleUploadedFile(name, content))
    assert message in refused.value.messages[0]


@pytest.mark.parametrize(
    "name, content, kind",
    [("Quyết định.pdf", pdf_bytes(), "pdf"), ("Kế hoạch.DOCX", office_bytes("docx"), "docx"),
     ("Biểu mẫu.xlsx", office_bytes("xlsx"), "xlsx")],
)
def test_real_pdf_docx_and_xlsx_are_accepted(name, content, kind):
    assert files.validate_attachment(SimpleUploadedFile(name, content)) == kind


def test_a_file_over_the_limit_is_refused(settings):
    settings.DOCUMENT_MAX_BYTES = 1000
    with pytest.raises(ValidationError) as refused:
        files.validate_attachment(SimpleUploadedFile("lon.pdf", pdf_bytes() + b"%" * 1000))
    assert "vượt quá giới hạn 1000" in refused.value.messages[0]


def test_an_editor_adds_a_document_with_files(client, editor, issuer, site_default):
    client.force_login(editor)
    data = _with_files(_form(issuer, site_default), [
        SimpleUploadedFile("Quyết định số 125.pdf", pdf_bytes()),
        SimpleUploadedFile("Phụ lục.xlsx", office_bytes("xlsx")),
    ])
    response = client.post(reverse(ADD), data)
    assert response.status_code == 302, _errors(response)
    document = Document.objects.get()
    assert document.number_key == "-125-qd-ubnd-"
    assert [(a.name, a.kind) for a in document.attachments.all()] == [
        ("Quyết định số 125.pdf", "pdf"), ("Phụ lục.xlsx", "xlsx"),
    ]
    assert _stored_files() == ["phu-luc.xlsx", "quyet-dinh-so-125.pdf"]


def test_a_bad_file_saves_nothing(client, editor, issuer, site_default):
    client.force_login(editor)
    data = _with_files(_form(issuer, site_default), [
        SimpleUploadedFile("Quyết định số 125.pdf", pdf_bytes()),
        SimpleUploadedFile("Phụ lục.xlsx", office_bytes("docx")),
    ])
    response = client.post(reverse(ADD), data)
    assert response.status_code == 200
    assert any("Nội dung tệp “Phụ lục.xlsx” không phải là Excel (XLSX)" in e for e in _errors(response))
    assert not Document.objects.exists() and not Attachment.objects.exists()
    assert _stored_files() == []
    # What the editor typed is still in the form.
    tree = html.fromstring(response.content.decode())
    assert tree.cssselect("input[name=number]")[0].get("value") == "125/QĐ-UBND"


def test_reporters_and_moderators_cannot_manage_documents(client, reporter, moderator, issuer, site_default):
    for user in (reporter, moderator):
        client.force_login(user)
        assert client.get(reverse("admin:documents_document_changelist")).status_code == 403
        response = client.post(reverse(ADD), _form(issuer, site_default))
        assert response.status_code == 403
    assert not Document.objects.exists()


def test_an_editor_sees_and_files_only_on_their_own_site(client, make_site, make_document, django_user_model):
    from django.contrib.auth.models import Group

    from articles import roles
    from sites.models import Membership

    other = make_site("tanan")
    theirs = make_document(issuer=Issuer.objects.create(site=other, name="UBND phường Tân An"), number="9/TB-UBND")
    ours = make_document(number="8/TB-UBND")
    user = django_user_model.objects.create_user("bt", "bt@example.com", "x", is_staff=True)
    Membership.objects.create(user=user, site=ours.site, role=Group.objects.get(name=roles.EDITOR))
    client.force_login(user)
    listing = client.get(reverse("admin:documents_document_changelist")).content.decode()
    assert "8/TB-UBND" in listing and "9/TB-UBND" not in listing
    assert "UBND phường Tân An" not in listing  # nor the other site's issuer in the filters
    # The "replaced by" picker offers only this site's documents.
    picker = client.get(reverse("admin:autocomplete"), {
        "app_label": "documents", "model_name": "document", "field_name": "replaced_by", "term": "tb",
    }).json()
    assert [row["text"] for row in picker["results"]] == [str(ours)]
    assert client.get(reverse("admin:documents_document_change", args=[theirs.pk])).status_code in (302, 404)
    # A crafted add on the other site, or with the other site's issuer, is refused.
    response = client.post(reverse(ADD), _form(theirs.issuer, other))
    assert response.status_code == 200 and not Document.objects.filter(site=other, number="125/QĐ-UBND").exists()
    response = client.post(reverse(ADD), _form(theirs.issuer, ours.site))
    assert response.status_code == 200 and not Document.objects.filter(number="125/QĐ-UBND").exists()


def test_admin_search_finds_numbers_and_folded_words(client, editor, make_document):
    make_document(number="125/QĐ-UBND", summary="Kế hoạch phòng chống dịch")
    make_document(number="7/TB-UBND", summary="Thông báo lịch tiếp công dân")
    client.force_login(editor)
    url = reverse("admin:documents_document_changelist")
    for term, expected in [("qd-ubnd", "125/QĐ-UBND"), ("125", "125/QĐ-UBND"), ("tiep cong dan", "7/TB-UBND")]:
        tree = html.fromstring(client.get(url, {"q": term}).content.decode())
        assert [a.text_content() for a in tree.cssselect("#result_list tbody th a")] == [expected]


def test_the_editor_form_and_list_render_with_files(client, editor, make_document):
    document = make_document(files=[("Quyết định.pdf", pdf_bytes())])
    client.force_login(editor)
    change = client.get(reverse("admin:documents_document_change", args=[document.pk]))
    assert change.status_code == 200
    tree = html.fromstring(change.content.decode())
    assert " ".join(tree.cssselect("td.field-size_label")[0].text_content().split()) == f"{len(pdf_bytes())} byte"
    assert client.get(reverse(ADD)).status_code == 200
    assert client.get(reverse("admin:documents_document_changelist"), {"nam": "2024"}).status_code == 200
    assert client.get(reverse("admin:documents_issuer_changelist")).status_code == 200

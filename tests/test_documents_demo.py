"""The demo's documents and drafts: every site gets believable ones with real files, once."""

from django.core.management import call_command
from django.utils import timezone
from lxml import html

from consultations.models import Draft, DraftAttachment, DraftComment
from documents.models import Attachment, Document
from sites.models import Site


def _counts():
    return [m.objects.count() for m in (Document, Attachment, Draft, DraftAttachment, DraftComment)]


def test_each_demo_site_has_documents_with_real_pdfs_and_two_drafts(demo, client):
    now = timezone.now()
    for site in Site.objects.all():
        documents = Document.objects.filter(site=site)
        assert documents.count() >= 8, site
        assert documents.exclude(replaced_by=None).exists(), "a replaced document"
        assert {d.validity() for d in documents} >= {"Còn hiệu lực", "Hết hiệu lực"}
        host = site.hosts[0]
        listing = html.fromstring(client.get("/van-ban/", HTTP_HOST=host).content)
        assert len(listing.cssselect(".doc-item")) == documents.count()
        attachment = Attachment.objects.filter(document__site=site).first()
        response = client.get(attachment.get_absolute_url(), HTTP_HOST=host)
        content = b"".join(response.streaming_content)
        assert response["Content-Type"] == "application/pdf" and content.startswith(b"%PDF-")
        # The Vietnamese text is set in an embedded TrueType font (not a Latin-only base font).
        assert b"/FontFile2" in content
        drafts = {d.state(now) for d in Draft.objects.filter(site=site)}
        assert drafts == {Draft.State.OPEN, Draft.State.CLOSED}, site
        closed = Draft.objects.get(site=site, closes_on__lt=timezone.localdate())
        page = html.fromstring(client.get(closed.get_absolute_url(), HTTP_HOST=host).content)
        assert page.cssselect(".draft-responses") and page.cssselect(".comment-body")
        assert DraftAttachment.objects.filter(draft__site=site, kind="docx").exists()


def test_loading_the_demo_again_adds_nothing(demo, django_capture_on_commit_callbacks):
    before = _counts()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_demo", force=True, stdout=open("/dev/null", "w"))
    assert _counts() == before

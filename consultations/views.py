"""Public pages of the drafts for comment: the list, a page per draft, and its comment form.

The list and the draft page are cached whole (they carry nothing per visitor); the comment
form with its CSRF token is a page of its own, never cached, that works without JavaScript.
"""

from django.contrib import messages
from django.core.mail import EmailMessage
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from benluc.network import client_ip
from benluc.text import positive_int
from comments import moderation
from comments.models import BODY_MAX_LENGTH
from documents.views import serve_file
from sites.cache import public_page

from .forms import DraftCommentForm, token_target
from .models import Draft, DraftAttachment, DraftComment

PER_PAGE = 20
THANKS = ("Cảm ơn bạn đã góp ý. Ý kiến của bạn đang chờ duyệt và sẽ hiển thị "
          "sau khi được cơ quan soạn thảo duyệt.")
CLOSED = "Đã hết thời gian lấy ý kiến đối với dự thảo này nên ý kiến không được gửi."
NOT_YET = "Dự thảo này chưa đến thời gian lấy ý kiến."


def _drafts(request):
    return Draft.objects.published().for_site(request.site)


@require_safe
@public_page
def draft_list(request):
    paginator = Paginator(_drafts(request).newest_first(), PER_PAGE)
    number = positive_int(request.GET.get("trang", "1"))
    if number is None or number > max(paginator.num_pages, 1):
        raise Http404("Không có trang này.")
    return render(request, "consultations/draft_list.html", {"page": paginator.page(number)})


def _draft(request, slug, pk):
    draft = get_object_or_404(_drafts(request), pk=pk)
    return draft, slug == draft.slug


@require_safe
@public_page
def draft_detail(request, slug, pk):
    draft, canonical = _draft(request, slug, pk)
    if not canonical:
        return redirect(draft, permanent=True)
    comments = draft.comments.approved().order_by("created_at", "pk").only("draft_id", "name", "body", "created_at")
    return render(request, "consultations/draft_detail.html", {
        "draft": draft,
        "state": draft.state(),
        "files": draft.attachments.all(),
        "comments": list(comments),
        "canonical_url": request.site.absolute(draft.get_absolute_url()),
    })


def _notify(comment):
    """Tell the site's moderators of a new pending comment (after commit; never raises)."""
    recipients = moderation.moderator_emails(comment.draft.site_id)
    if not recipients:
        return
    site = comment.draft.site
    queue = site.absolute(reverse("admin:consultations_draftcomment_changelist") + "?status__exact=pending")
    EmailMessage(
        subject=f"[{site.name}] Góp ý dự thảo chờ duyệt: {comment.draft.title}"[:200],
        body="\n".join([f"Dự thảo: {comment.draft.title}", f"Người gửi: {comment.name}", "",
                        comment.body, "", f"Hàng đợi chờ duyệt: {queue}"]),
        to=recipients,
    ).send(fail_silently=True)


def _duplicate(draft, body, email, ip):
    """The same text from the same sender (e-mail or IP) on the same draft."""
    wanted = moderation.fingerprint(body)
    earlier = draft.comments.filter(email__iexact=email) | (draft.comments.filter(ip=ip) if ip else draft.comments.none())
    return any(moderation.fingerprint(text) == wanted for text in earlier.values_list("body", flat=True)[:200])


def _store(request, form, draft, ip):
    """Screen and save the comment of a valid form; raise `Refused` otherwise."""
    if not form.is_valid():
        raise moderation.Refused("Ý kiến chưa được gửi. Vui lòng xem lại các ô được đánh dấu.")
    data = form.cleaned_data
    comment = DraftComment(
        draft=draft, name=data["name"], email=data["email"], body=data["body"], ip=ip,
        user_agent=request.META.get("HTTP_USER_AGENT", "")[:300],
    )
    elapsed = moderation.seconds_since_issued(data["issued"], token_target(draft))
    if elapsed is not None and elapsed > moderation.TOKEN_MAX_AGE:
        form.data = form.data.copy()
        form.data["issued"] = moderation.issue_token(token_target(draft))
        raise moderation.Refused(
            "Trang đã mở quá lâu nên ý kiến chưa được gửi. Nội dung vẫn còn nguyên, "
            "vui lòng bấm “Gửi ý kiến” lần nữa."
        )
    verdict = moderation.screen(comment, honeypot=data["website"], elapsed=elapsed)
    comment.status, comment.flags = verdict.status, verdict.flags
    if verdict.status != DraftComment.Status.SPAM and _duplicate(draft, comment.body, comment.email, ip):
        raise moderation.Refused(moderation.DUPLICATE)
    with transaction.atomic():
        comment.save()
        if comment.status == DraftComment.Status.PENDING:
            transaction.on_commit(lambda: _notify(comment))
    return comment


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def comment_page(request, slug, pk):
    """The comment form of a draft (and, once sent, the reader's confirmation)."""
    draft, canonical = _draft(request, slug, pk)
    if not canonical and request.method != "POST":
        return redirect(draft.get_comment_url(), permanent=True)
    state = draft.state()
    form, refusal, status = None, None, 200
    if state == Draft.State.OPEN:
        form = DraftCommentForm(draft=draft)
    if request.method == "POST":
        if state != Draft.State.OPEN:
            refusal, status = moderation.Refused(CLOSED if state == Draft.State.CLOSED else NOT_YET, status=403), 403
        else:
            form = DraftCommentForm(request.POST, draft=draft)
            ip = client_ip(request)
            try:
                moderation.take_slot(ip)
                try:
                    _store(request, form, draft, ip)
                except moderation.Refused:
                    moderation.release_slot(ip)  # correcting the form costs the reader nothing
                    raise
            except moderation.Refused as refused:
                refusal, status = refused, refused.status
            else:
                messages.success(request, THANKS)
                return redirect(draft.get_comment_url() + "#gop-y")
    notice = " ".join(str(m) for m in messages.get_messages(request))
    return render(request, "consultations/comment_page.html", {
        "draft": draft, "state": state, "form": form, "refusal": refusal, "notice": notice,
        "max_length": BODY_MAX_LENGTH,
    }, status=status)


@require_safe
def attachment(request, pk, slug, ext):
    """A published draft's file."""
    item = get_object_or_404(
        DraftAttachment.objects.filter(draft__site=request.site, draft__is_published=True)
        .only("file", "name", "kind"),
        pk=pk,
    )
    return serve_file(item, ext)

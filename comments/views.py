"""Readers' comments: the block loaded into the article page, and a plain page without JavaScript.

Neither is cached: the article page itself is cached whole and carries nothing
per visitor, so the list and the form come from here. The block gives no cookie either:
the form's CSRF token (and its cookie) comes from `token`, which comments.js asks for
only when a reader starts writing, so readers who only read stay cookie-free.
"""

from django.contrib import messages
from django.db import IntegrityError, transaction
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.middleware.csrf import get_token
from django.views.decorators.http import require_http_methods, require_safe

from articles.models import Article
from benluc.network import client_ip
from benluc.text import positive_int

from . import digest, moderation
from .forms import CommentForm
from .models import BODY_MAX_LENGTH, Comment

OLDEST_FIRST = "cu-nhat"
NEWEST_FIRST = "moi-nhat"

THANKS = {
    Comment.Status.APPROVED: "Cảm ơn bạn đã gửi ý kiến. Ý kiến của bạn đã được đăng.",
    # Spam gets the same answer as a pending comment: bots learn nothing.
    Comment.Status.PENDING: "Cảm ơn bạn đã gửi ý kiến. Ý kiến của bạn đang chờ duyệt "
    "và sẽ hiển thị sau khi Ban biên tập duyệt.",
}


def _article(request, pk):
    fields = [
        "site_id", "title", "slug", "status", "publish_at", "allow_comments",
        "category__name", "category__slug",
    ]
    return get_object_or_404(
        Article.objects.published().for_site(request.site).select_related("category").only(*fields),
        pk=pk,
    )


def _listing(request, article):
    """The approved comments to show: one page of threads, the count, the sort order."""
    oldest_first = request.GET.get("sap-xep") == OLDEST_FIRST
    number = positive_int(request.GET.get("trang", "1"))
    if number is None:
        raise Http404("Không có trang này.")
    per_page = moderation.conf("PER_PAGE")
    start = (number - 1) * per_page
    # One row more than a page tells whether there is a next page, without a COUNT.
    threads = list(
        Comment.objects.filter(article=article).threads(oldest_first)[start : start + per_page + 1]
    )
    return {
        "comment_count": Comment.objects.filter(article=article).visible().count(),
        "threads": threads[:per_page],
        "next_page": number + 1 if len(threads) > per_page else None,
        "page_number": number,
        "sort": OLDEST_FIRST if oldest_first else NEWEST_FIRST,
    }


def _reply_to(article, value):
    """The comment a reader chose to answer (`?tra-loi=<id>` without JavaScript)."""
    comment_id = positive_int(value, max_digits=18)  # fits a bigint
    if comment_id is None:
        return None
    return Comment.objects.visible().filter(article=article, pk=comment_id).first()


def _submit(request, article):
    """Take a posted comment. Returns (form, comment or None, refusal or None)."""
    form = CommentForm(request.POST, article=article)
    ip = client_ip(request)
    try:
        closed = moderation.closed_reason(article)
        if closed:
            raise moderation.Refused(closed, status=403)
        moderation.take_slot(ip)
    except moderation.Refused as refusal:
        return form, None, refusal
    try:
        comment = _store(request, form, article, ip)
    except moderation.Refused as refusal:
        # Not stored: the slot goes back, so correcting a form costs the reader nothing.
        moderation.release_slot(ip)
        return form, None, refusal
    return CommentForm(article=article), comment, None


def _store(request, form, article, ip):
    """Screen and save the comment of a valid form; raise `Refused` otherwise."""
    if not form.is_valid():
        raise moderation.Refused("Ý kiến chưa được gửi. Vui lòng xem lại các ô được đánh dấu.")
    data = form.cleaned_data
    comment = Comment(
        article=article, parent=data["parent"], name=data["name"], email=data["email"],
        body=data["body"], ip=ip, user_agent=request.META.get("HTTP_USER_AGENT", "")[:300],
    )
    elapsed = moderation.seconds_since_issued(data["issued"], article.pk)
    if elapsed is not None and elapsed > moderation.TOKEN_MAX_AGE:
        # A form kept open for a day (or a bot replaying an old one): ask again
        # with a fresh stamp; the reader's text stays in the form.
        form.data = form.data.copy()
        form.data["issued"] = moderation.issue_token(article.pk)
        raise moderation.Refused(
            "Trang đã mở quá lâu nên ý kiến chưa được gửi. Nội dung vẫn còn nguyên, "
            "vui lòng bấm “Gửi ý kiến” lần nữa."
        )
    verdict = moderation.screen(comment, honeypot=data["website"], elapsed=elapsed)
    comment.status, comment.flags = verdict.status, verdict.flags
    if verdict.status != Comment.Status.SPAM:
        moderation.check_duplicate(article, comment.body, comment.email, ip)
        comment.fingerprint = moderation.fingerprint(comment.body)
    try:
        with transaction.atomic():
            comment.save()
            if comment.status == Comment.Status.PENDING:
                transaction.on_commit(lambda: digest.digest_soon(article.site_id))
    except IntegrityError:
        # A copy sent at the same moment got in first (unique fingerprint per sender).
        raise moderation.Refused(moderation.DUPLICATE)
    return comment


def _context(request, article, form=None, refusal=None, notice=None, with_token=True):
    context = _listing(request, article)
    closed = moderation.closed_reason(article)
    if form is None:
        form = CommentForm(article=article)
        reply_id = request.GET.get("tra-loi")
    else:
        reply_id = form["parent"].value() if form.is_bound else None
    reply_to = None if closed else _reply_to(article, reply_id)
    if reply_to and not form.is_bound:
        form.initial["parent"] = reply_to.pk
    context.update(
        article=article,
        form=form,
        refusal=refusal,
        notice=notice,
        closed=closed,
        reply_to=reply_to,
        max_length=BODY_MAX_LENGTH,
        # The block's form gets its token from `token` when the reader starts writing.
        with_token=with_token,
        page_url=reverse("comments:page", args=[article.pk]),
        block_url=reverse("comments:block", args=[article.pk]),
    )
    return context


@never_cache
@require_safe
def token(request):
    """The CSRF token for the comment form, with its cookie: asked for when a reader starts writing."""
    return JsonResponse({"token": get_token(request)})


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def block(request, article_id):
    """The comment block fetched by comments.js: an HTML fragment (GET), or a new comment (POST)."""
    article = _article(request, article_id)
    if request.method != "POST":
        response = render(request, "comments/_block.html", _context(request, article, with_token=False))
    else:
        form, comment, refusal = _submit(request, article)
        status = 201 if comment else refusal.status
        notice = THANKS.get(comment.status, THANKS[Comment.Status.PENDING]) if comment else None
        context = _context(request, article, form=form, refusal=refusal, notice=notice, with_token=False)
        response = render(request, "comments/_block.html", context, status=status)
    # Tells comments.js this is our fragment, not, say, a proxy's error page.
    response["X-Comments-Fragment"] = "1"
    return response


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def page(request, article_id):
    """The comments on a page of their own: list and plain form, for readers without JavaScript."""
    article = _article(request, article_id)
    if request.method != "POST":
        notice = " ".join(str(message) for message in messages.get_messages(request))
        return render(request, "comments/comments_page.html", _context(request, article, notice=notice))
    form, comment, refusal = _submit(request, article)
    if comment:
        messages.success(request, THANKS.get(comment.status, THANKS[Comment.Status.PENDING]))
        return redirect(reverse("comments:page", args=[article.pk]) + "#y-kien")
    context = _context(request, article, form=form, refusal=refusal)
    return render(request, "comments/comments_page.html", context, status=refusal.status)

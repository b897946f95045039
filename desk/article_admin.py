"""The article admin's desk views: presence and autosave, readable history, restore."""

import contextvars
from datetime import timedelta

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect, JsonResponse, QueryDict
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone

from articles.models import Article, Event

from . import history
from .forms import latest_revision
from .models import PING_SECONDS, EditSession, ReviewNote
from .workflow import notify_editors_after_commit, outcome

# The message a save deserves, while Django's generic one is being written.
_outcome_message = contextvars.ContextVar("article_outcome_message", default=None)

# Form fields an autosave never keeps.
NOT_AUTOSAVED = {"csrfmiddlewaretoken", "cover", "opened_revision_autosave"}
RESTORED_FIELDS = [
    "title", "slug", "sapo", "body", "cover", "cover_caption", "cover_alt", "category_id",
    "event_id", "status", "publish_at", "allow_comments", "cover_focal_x", "cover_focal_y",
]


def can_publish(user, obj=None):
    """May `user` publish (on `obj`'s site, or on some site when no object is given)?"""
    return user.has_perm("articles.publish_article", obj) if obj is not None else (
        user.has_perm("articles.publish_article")
    )


class DeskArticleAdminMixin:
    """Mixed into ArticleAdmin (before SimpleHistoryAdmin)."""

    change_form_template = "admin/articles/article/change_form.html"

    # --- URLs -------------------------------------------------------------------
    def get_urls(self):
        wrap = self.admin_site.admin_view
        name = f"{self.opts.app_label}_{self.opts.model_name}"
        return [
            path("add/dang-sua/", wrap(self.editing_view), name=f"{name}_editing_new"),
            path("<path:object_id>/dang-sua/", wrap(self.editing_view), name=f"{name}_editing"),
            path("<path:object_id>/history/so-sanh/", wrap(self.compare_view), name=f"{name}_compare"),
        ] + super().get_urls()

    # --- Presence and autosave --------------------------------------------------
    def editing_view(self, request, object_id=None):
        """POST from the open form every PING_SECONDS: presence, and the autosave if sent."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        article = None
        if object_id is not None:
            article = get_object_or_404(self.get_queryset(request), pk=object_id)
            if not self.has_change_permission(request, article):
                raise PermissionDenied
        elif not self.has_add_permission(request):
            raise PermissionDenied
        now = timezone.now()
        session = EditSession.objects.of(request.user, article and article.pk).first() or EditSession(
            user=request.user, article=article, opened_at=now
        )
        answer = {"ok": True}
        if request.POST.get("_tu_luu"):
            session.form_data = [
                [key, value] for key in request.POST for value in request.POST.getlist(key)
                if key not in NOT_AUTOSAVED and not key.startswith("_")
            ]
            session.autosaved_at = now
            answer["saved_at"] = f"{timezone.localtime(now):%H:%M}"
        # The tab closed or the form was sent: no longer "open" for the others.
        session.seen_at = now - timedelta(days=1) if request.POST.get("_dong") else now
        if session.form_data is None and request.POST.get("_dong"):
            if session.pk:
                session.delete()
            return JsonResponse(answer)
        session.save()
        if article is not None:
            answer["others"] = self.others_editing(request, article)
        return JsonResponse(answer)

    def others_editing(self, request, article):
        sessions = (
            EditSession.objects.present().filter(article=article).exclude(user=request.user)
            .select_related("user").order_by("opened_at")
        )
        return [
            {"who": s.user.get_full_name() or s.user.get_username(),
             "since": f"{timezone.localtime(s.opened_at):%H:%M}"}
            for s in sessions
        ]

    def open_session(self, request, article):
        """Record that `request.user` has the form open; return their session."""
        now = timezone.now()
        session = EditSession.objects.of(request.user, article and article.pk).first()
        if session is None:
            session = EditSession(user=request.user, article=article, opened_at=now)
        elif session.seen_at < now - timedelta(seconds=PING_SECONDS * 3):
            session.opened_at = now
        session.seen_at = now
        session.save()
        return session

    def autosave_to_restore(self, request, article):
        """The user's autosaved input for this form, if newer than the article's last save."""
        if request.method != "GET" or request.GET.get("bo-tu-luu"):
            return None
        session = EditSession.objects.of(request.user, article and article.pk).exclude(
            form_data=None
        ).first()
        if session is None or (article is not None and session.autosaved_at <= article.updated_at):
            return None
        return session

    @staticmethod
    def as_querydict(session):
        data = QueryDict(mutable=True)
        for key, value in session.form_data:
            data.appendlist(key, value)
        return data

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        session = self.autosave_to_restore(request, obj)
        if session is None:
            return form
        restored = self.as_querydict(session)

        class RestoredForm(form):
            def __init__(self, data=None, files=None, *args, **kwargs):
                super().__init__(restored if data is None else data, files, *args, **kwargs)

        return RestoredForm

    def get_formset_kwargs(self, request, obj, inline, prefix):
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        session = self.autosave_to_restore(request, obj if obj.pk else None)
        if session is not None and f"{prefix}-TOTAL_FORMS" in dict(session.form_data):
            kwargs["data"] = self.as_querydict(session)
        return kwargs

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        extra_context = dict(extra_context or {})
        article = None
        if object_id is not None:
            article = self.get_object(request, object_id)
        if request.method == "GET" and request.GET.get("bo-tu-luu"):
            EditSession.objects.of(request.user, article and article.pk).update(
                form_data=None, autosaved_at=None
            )
            messages.info(request, "Đã bỏ bản tự lưu.")
            return HttpResponseRedirect(request.path)
        can_edit = article is None or self.has_change_permission(request, article)
        if request.method == "GET" and can_edit:
            session = self.autosave_to_restore(request, article)
            self.open_session(request, article)
            if session is not None:
                extra_context["restored_autosave"] = history.local(session.autosaved_at)
        if article is not None:
            extra_context["others_editing"] = self.others_editing(request, article)
            if article.status == Article.Status.RETURNED:
                extra_context["review_note"] = article.review_notes.select_related("author").first()
            extra_context["editing_url"] = reverse(
                f"admin:{self.opts.app_label}_{self.opts.model_name}_editing", args=[article.pk]
            )
        else:
            extra_context["editing_url"] = reverse(
                f"admin:{self.opts.app_label}_{self.opts.model_name}_editing_new"
            )
        extra_context["ping_seconds"] = PING_SECONDS
        extra_context["can_edit"] = can_edit
        return super().changeform_view(request, object_id, form_url, extra_context)

    # --- After a save --------------------------------------------------------------
    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        article = form.instance
        article.refresh_derived()
        previous = form.initial.get("status") if change else None
        note = (form.cleaned_data.get("review_note") or "").strip()
        if article.status == Article.Status.RETURNED and note:
            ReviewNote.objects.create(article=article, author=request.user, text=note)
        if article.status == Article.Status.REVIEW and previous != Article.Status.REVIEW:
            notify_editors_after_commit(article, request.user)
        # What was autosaved is now saved for real.
        sessions = EditSession.objects.filter(user=request.user)
        if change:
            sessions.filter(article=article).update(form_data=None, autosaved_at=None)
        else:
            sessions.filter(article__isnull=True).delete()

    def _with_outcome(self, request, obj, respond):
        revisions = list(obj.history.order_by("-history_id").values_list("status", flat=True)[:2])
        previous = revisions[1] if len(revisions) > 1 else None
        token = _outcome_message.set(outcome(obj, previous, created=len(revisions) < 2))
        try:
            return respond()
        finally:
            _outcome_message.reset(token)

    def response_add(self, request, obj, post_url_continue=None):
        return self._with_outcome(request, obj, lambda: super(DeskArticleAdminMixin, self).response_add(
            request, obj, post_url_continue))

    def response_change(self, request, obj):
        return self._with_outcome(request, obj, lambda: super(DeskArticleAdminMixin, self).response_change(
            request, obj))

    def message_user(self, request, message, level=messages.INFO, *args, **kwargs):
        better = _outcome_message.get()
        if better and level == messages.SUCCESS:
            message = better
        return super().message_user(request, message, level, *args, **kwargs)

    # --- History ---------------------------------------------------------------------
    def history_view(self, request, object_id, extra_context=None):
        article = self.get_object(request, object_id)
        if article is None:
            raise Http404
        if not self.has_view_or_change_permission(request, article):
            raise PermissionDenied
        records = article.history.select_related("history_user", "category", "event").order_by("-history_id")
        page = Paginator(records, 20).get_page(request.GET.get("p"))
        rows = list(page.object_list)
        older = article.history.filter(history_id__lt=rows[-1].history_id).order_by("-history_id").first() if rows else None
        names = history.Names(rows + ([older] if older else []))
        entries = []
        for index, record in enumerate(rows):
            previous = rows[index + 1] if index + 1 < len(rows) else older
            entries.append({
                "record": record, "who": history.who(record), "when": history.local(record.history_date),
                "status": names.display(record, "status"),
                "changes": history.changes(previous, record, names) if previous else [],
                "first": previous is None,
                "url": reverse("admin:articles_article_simple_history", args=[article.pk, record.history_id]),
            })
        context = {
            **self.admin_site.each_context(request),
            "title": f"Lịch sử: {article}",
            "opts": self.opts, "original": article, "object": article,
            "entries": entries, "page": page,
            "compare_url": reverse("admin:articles_article_compare", args=[article.pk]),
            "can_restore": can_publish(request.user, article),
            **(extra_context or {}),
        }
        return TemplateResponse(request, "admin/articles/article/history.html", context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        """One revision, readable; POST (editors) restores it."""
        article = self.get_object(request, object_id)
        if article is None:
            raise Http404
        record = get_object_or_404(article.history.select_related("history_user"), history_id=version_id)
        if request.method == "POST":
            if not can_publish(request.user, article):
                raise PermissionDenied
            return self.restore(request, article, record)
        if not self.has_view_or_change_permission(request, article):
            raise PermissionDenied
        latest = latest_revision(article)
        context = {
            **self.admin_site.each_context(request),
            "title": f"Phiên bản lúc {history.local(record.history_date)}",
            "opts": self.opts, "original": article, "record": record,
            "who": history.who(record), "when": history.local(record.history_date),
            "rows": history.comparison(record, latest) if latest else [],
            "latest": latest, "is_latest": latest is not None and latest.history_id == record.history_id,
            "can_restore": can_publish(request.user, article),
            "history_url": reverse("admin:articles_article_history", args=[article.pk]),
        }
        return TemplateResponse(request, "admin/articles/article/revision.html", context)

    def restore(self, request, article, record):
        """Make `record` the current version (its byline too), as a new revision."""
        for name in RESTORED_FIELDS:
            setattr(article, name, getattr(record, name))
        if article.event_id and not Event.objects.filter(pk=article.event_id).exists():
            article.event_id = None
        version = history.describe(record)
        article._change_reason = f"Khôi phục phiên bản của {version}"
        article.save()
        if record.byline_ids is not None:
            article.restore_byline(record.byline_ids)
        article.refresh_derived()
        self.log_change(request, article, [{"changed": {"fields": ["Khôi phục phiên bản"]}}])
        messages.success(request, f"Đã khôi phục phiên bản của {version}. Phiên bản trước đó vẫn còn trong lịch sử.")
        return HttpResponseRedirect(reverse("admin:articles_article_change", args=[article.pk]))

    def compare_view(self, request, object_id):
        article = self.get_object(request, object_id)
        if article is None:
            raise Http404
        if not self.has_view_or_change_permission(request, article):
            raise PermissionDenied
        ids = request.GET.getlist("v")
        if len(ids) != 2 or not all(i.isdigit() for i in ids):
            messages.warning(request, "Hãy chọn đúng hai phiên bản để so sánh.")
            return HttpResponseRedirect(reverse("admin:articles_article_history", args=[article.pk]))
        found = {r.history_id: r for r in article.history.filter(history_id__in=ids).select_related("history_user")}
        if len(found) != 2:
            raise Http404
        old, new = sorted(found.values(), key=lambda r: r.history_id)
        context = {
            **self.admin_site.each_context(request),
            "title": "So sánh hai phiên bản",
            "opts": self.opts, "original": article,
            "old": old, "new": new,
            "old_label": history.describe(old), "new_label": history.describe(new),
            "rows": history.comparison(old, new),
            "history_url": reverse("admin:articles_article_history", args=[article.pk]),
            "can_restore": can_publish(request.user, article),
        }
        return TemplateResponse(request, "admin/articles/article/compare.html", context)

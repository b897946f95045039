"""The newsroom's photo library in the admin, and the editor's picker and upload endpoints.

The article editor (static/js/admin/photos.js) lists this article's photos and its site's
library, uploads a photo with its alt text and caption, and places it as a figure, all
without leaving the page. Every request is checked on the server against the user's roles
on the photo's site: a commune's staff can neither list nor fill another site's library.
"""

from django import forms
from django.contrib import admin
from django.http import JsonResponse
from django.urls import path
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_POST

from benluc.text import positive_int
from sites.admin import SiteScopedAdmin
from sites.models import Site
from sites.permissions import has_site_perm, site_ids

from .models import Article, ArticleImage, Category

PICKER_LIMIT = 40


class PhotoUploadForm(forms.ModelForm):
    """One photo with its alt text (required) and caption, checked like every upload:
    type by content, size and pixel limits; stored upright without EXIF."""

    class Meta:
        model = ArticleImage
        fields = ["image", "alt", "caption"]
        error_messages = {
            "image": {"required": _("Hãy chọn một tệp ảnh.")},
            "alt": {"required": _("Hãy nhập mô tả ảnh (alt) cho người khiếm thị.")},
        }


class Refused(Exception):
    """A picker or upload request that cannot be served: (message, HTTP status)."""


@admin.register(ArticleImage)
class PhotoLibraryAdmin(SiteScopedAdmin):
    list_display = ["thumbnail", "caption", "alt", "article", "created_at"]
    list_select_related = ["article"]
    search_fields = ["caption"]  # shows the search box; the search itself folds (below)
    fields = ["image", "caption", "alt", "article", "thumbnail"]
    readonly_fields = ["article", "thumbnail"]
    list_per_page = 50

    def has_add_permission(self, request):
        return False  # photos are uploaded from the article editor (the upload view below)

    @admin.display(description=_("ảnh"))
    def thumbnail(self, obj):
        preview = obj.photo_rendition(width=480) if obj.pk else None
        if not preview:
            return "—"
        return format_html('<img src="{}" alt="{}" class="photo-thumb">', preview["url"], obj.alt)

    def get_search_results(self, request, queryset, search_term):
        from benluc.text import words

        for word in words(search_term)[:8]:
            queryset = queryset.filter(search_caption__contains=word)
        return queryset, False

    # --- The editor's endpoints -------------------------------------------------
    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path("chon/", wrap(self.picker_view), name="articles_articleimage_picker"),
            path("tai-len/", wrap(self.upload_view), name="articles_articleimage_upload"),
        ] + super().get_urls()

    def target(self, request, data, perm):
        """(site, article or None) of a picker/upload request, if the user holds `perm` there."""
        article = None
        if data.get("article"):
            pk = positive_int(data["article"])
            article = Article.objects.select_related("site").filter(pk=pk).first() if pk else None
            if article is None:
                raise Refused(_("Không tìm thấy bài viết."), 404)
            site = article.site
        elif data.get("category"):
            pk = positive_int(data["category"])
            category = Category.objects.select_related("site").filter(pk=pk).first() if pk else None
            if category is None:
                raise Refused(_("Không tìm thấy chuyên mục."), 404)
            site = category.site
        else:
            ids = site_ids(request.user, perm)
            if ids is None:
                site = Site.objects.default()
            elif len(ids) == 1:
                site = Site.objects.get(pk=next(iter(ids)))
            else:
                raise Refused(_("Hãy chọn chuyên mục của bài trước, để biết ảnh thuộc trang nào."), 400)
        if not has_site_perm(request.user, perm, site):
            raise Refused(_("Bạn không có quyền dùng thư viện ảnh của trang này."), 403)
        return site, article

    @staticmethod
    def refused(error):
        message, status = error.args
        return JsonResponse({"error": str(message)}, status=status)

    def picker_view(self, request):
        """GET ?article=|category=&q=: this article's photos and the site's library (JSON)."""
        return require_GET(self._picker)(request)

    def _picker(self, request):
        try:
            site, article = self.target(request, request.GET, "articles.view_articleimage")
        except Refused as error:
            return self.refused(error)
        query = request.GET.get("q", "")[:100]
        own = list(article.images.order_by("position", "pk")) if article else []
        library = list(ArticleImage.objects.library(site, query)[:PICKER_LIMIT])
        return JsonResponse({
            "site": site.name,
            "article": [photo.as_json() for photo in own],
            "library": [photo.as_json() for photo in library],
        })

    def upload_view(self, request):
        """POST image, alt, caption (+ article or category): a new photo of the library (JSON)."""
        return require_POST(self._upload)(request)

    def _upload(self, request):
        try:
            site, article = self.target(request, request.POST, "articles.add_articleimage")
        except Refused as error:
            return self.refused(error)
        if article is not None and not article.editable_by(request.user):
            return self.refused(Refused(_("Bạn không được sửa bài viết này."), 403))
        form = PhotoUploadForm(request.POST, request.FILES)
        if not form.is_valid():
            errors = {field: [str(e) for e in messages] for field, messages in form.errors.items()}
            first = next(iter(errors.values()))[0]
            return JsonResponse({"error": first, "errors": errors}, status=400)
        photo = form.save(commit=False)
        photo.article, photo.site, photo.uploaded_by = article, site, request.user
        if article is not None:
            photo.position = article.images.count()
        photo.save()  # renditions are built when this (autocommit) save commits
        photo.refresh_from_db()
        return JsonResponse(photo.as_json(), status=201)


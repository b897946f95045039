"""Back office for documents: the editors of a site manage its documents, issuers and sectors."""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from desk.lists import FoldedSearchMixin
from sites.admin import SiteScopedAdmin, SiteScopedInline

from . import files
from .models import Attachment, Document, Issuer, Sector


@admin.register(Issuer)
class IssuerAdmin(FoldedSearchMixin, SiteScopedAdmin):
    list_display = ["name", "site", "position"]
    list_filter = [("site", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["name"]


@admin.register(Sector)
class SectorAdmin(FoldedSearchMixin, SiteScopedAdmin):
    list_display = ["name", "slug", "site", "position"]
    list_filter = [("site", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["name"]


class AttachmentForm(forms.ModelForm):
    """An attached file's row: a new upload is checked by content before anything is saved."""

    class Meta:
        model = Attachment
        fields = ["file", "name", "position"]
        help_texts = {"file": _("PDF, DOCX hoặc XLSX; loại tệp được kiểm tra theo nội dung.")}

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if isinstance(upload, UploadedFile):  # a new upload (an unchanged row keeps its file)
            try:
                self.instance.attach(upload)
            except ValidationError as error:
                raise ValidationError(error.messages)
        return upload

    def clean_name(self):
        # Blank: the uploaded file's own name (set by attach() in clean_file, which runs first).
        return self.cleaned_data.get("name") or self.instance.name


class AttachmentInline(SiteScopedInline, admin.TabularInline):
    model = Attachment
    form = AttachmentForm
    extra = 1
    readonly_fields = ["kind", "size_label"]
    fields = ["file", "name", "position", "kind", "size_label"]

    @admin.display(description=_("dung lượng"))
    def size_label(self, obj):
        from django.template.defaultfilters import filesizeformat

        return filesizeformat(obj.size) if obj and obj.pk else "—"


class YearFilter(admin.SimpleListFilter):
    title = _("năm ban hành")
    parameter_name = "nam"

    def lookups(self, request, model_admin):
        from django.db.models.functions import ExtractYear

        years = (
            model_admin.get_queryset(request).annotate(year=ExtractYear("issued_on"))
            .order_by("-year").values_list("year", flat=True).distinct()
        )
        return [(str(y), str(y)) for y in years]

    def queryset(self, request, queryset):
        value = self.value() or ""
        if value.isascii() and value.isdigit() and 1900 < int(value) < 3000:
            return queryset.filter(issued_on__year=int(value))
        return queryset


class DocumentForm(forms.ModelForm):
    class Meta:
        model = Document
        fields = "__all__"

    def clean(self):
        cleaned = super().clean()
        replaced_by = cleaned.get("replaced_by")
        if replaced_by is not None:
            if self.instance.pk and replaced_by.pk == self.instance.pk:
                self.add_error("replaced_by", _("Một văn bản không thể thay thế chính nó."))
            elif cleaned.get("site") and replaced_by.site_id != cleaned["site"].pk:
                self.add_error("replaced_by", _("Văn bản thay thế phải thuộc cùng trang."))
        for name in ("issuer", "sector"):
            value = cleaned.get(name)
            if value is not None and cleaned.get("site") and value.site_id != cleaned["site"].pk:
                self.add_error(name, _("Hãy chọn mục của cùng trang với văn bản."))
        return cleaned


@admin.register(Document)
class DocumentAdmin(SiteScopedAdmin):
    form = DocumentForm
    inlines = [AttachmentInline]
    list_display = ["number", "doc_type", "summary_excerpt", "issuer", "issued_on", "validity_label",
                    "is_published", "site"]
    list_display_links = ["number", "summary_excerpt"]
    # Only the sites, issuers and sectors of the documents this person may see.
    list_filter = ["doc_type", YearFilter, "is_published", ("site", admin.RelatedOnlyFieldListFilter),
                   ("issuer", admin.RelatedOnlyFieldListFilter), ("sector", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["issuer", "site", "replaced_by"]
    search_fields = ["number", "summary"]
    search_help_text = _("Tìm theo số/ký hiệu (125/QĐ-UBND, 125, qd-ubnd) hoặc theo từ trong trích yếu, "
                         "không cần gõ dấu.")
    autocomplete_fields = ["replaced_by"]
    date_hierarchy = None
    fieldsets = [
        (None, {"fields": ["site", "doc_type", "number", "issuer", "signer", "sector", "summary"]}),
        (_("Ngày tháng và hiệu lực"), {"fields": [
            "issued_on", "effective_on", "expires_on", "replaced_by",
        ]}),
        (_("Công bố"), {"fields": ["is_published"]}),
    ]

    def get_search_results(self, request, queryset, search_term):
        if not search_term.strip():
            return queryset, False
        return queryset.search(search_term), False

    @admin.display(description=_("trích yếu"))
    def summary_excerpt(self, obj):
        return obj.summary if len(obj.summary) <= 90 else obj.summary[:89] + "…"

    @admin.display(description=_("hiệu lực"))
    def validity_label(self, obj):
        return obj.validity()

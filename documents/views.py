"""Public pages: the list of documents (filters, search), a page per document, its files."""

import re
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.db.models import Max, Min
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_safe

from benluc.text import fold, positive_int
from sites.cache import fragment, public_page

from .models import Attachment, Document, DocumentType, Issuer, Sector

PER_PAGE = 20
MAX_QUERY_LENGTH = 200
# The list's query parameters; with their values they make the cached page's key.
FILTER_PARAMS = ("loai", "co-quan", "linh-vuc", "nam")
_SLUG = re.compile(r"^[-a-z0-9]{1,150}$")


def _choices(site):
    """Issuers, sectors and years for the filter form: one cached fragment per content version."""

    def build():
        # From the first and last issue dates (two index look-ups), not a DISTINCT over every
        # document's year: a year without documents is simply an empty list.
        span = Document.objects.published().for_site(site).aggregate(first=Min("issued_on"), last=Max("issued_on"))
        years = list(range(span["last"].year, span["first"].year - 1, -1)) if span["first"] else []
        def ordered(rows):  # Vietnamese order: "Đất đai" between "Dân vận" and "Giáo dục"
            return [(key, name) for _position, _folded, key, name in sorted(
                (position, fold(name), key, name) for key, name, position in rows
            )]

        return {
            "issuers": ordered(Issuer.objects.filter(site=site).values_list("pk", "name", "position")),
            "sectors": ordered(Sector.objects.filter(site=site).values_list("slug", "name", "position")),
            "years": years,
        }

    return fragment(site, "documents:choices", build)


@dataclass
class Filters:
    """The reader's filters, each checked against what the site really has."""

    doc_type: str = ""
    issuer: int = None
    sector: str = ""
    year: int = None
    query: str = ""
    notices: list = field(default_factory=list)

    @property
    def cacheable(self):
        """Only pages for real filter values (and no free text) go to the shared cache."""
        return not self.query and not self.notices

    @property
    def active(self):
        return bool(self.doc_type or self.issuer or self.sector or self.year or self.query)


def parse_filters(params, site):
    """Filters from the query string; a value the site does not have is ignored with a notice."""
    choices = _choices(site)
    filters = Filters()
    value = params.get("loai", "")
    if value:
        if value in DocumentType.values:
            filters.doc_type = value
        else:
            filters.notices.append("Không có loại văn bản này nên bộ lọc “Loại văn bản” đã được bỏ qua.")
    value = params.get("co-quan", "")
    if value:
        number = positive_int(value, max_digits=12)
        if number is not None and any(pk == number for pk, _name in choices["issuers"]):
            filters.issuer = number
        else:
            filters.notices.append("Không có cơ quan ban hành này nên bộ lọc “Cơ quan ban hành” đã được bỏ qua.")
    value = params.get("linh-vuc", "")
    if value:
        if _SLUG.match(value) and any(slug == value for slug, _name in choices["sectors"]):
            filters.sector = value
        else:
            filters.notices.append("Không có lĩnh vực này nên bộ lọc “Lĩnh vực” đã được bỏ qua.")
    value = params.get("nam", "")
    if value:
        number = positive_int(value, max_digits=4)
        if number is not None and number in choices["years"]:
            filters.year = number
        else:
            filters.notices.append("Không có văn bản nào trong năm này nên bộ lọc “Năm ban hành” đã được bỏ qua.")
    query = " ".join((params.get("q") or "").split())
    if len(query) > MAX_QUERY_LENGTH:
        query = query[:MAX_QUERY_LENGTH]
        filters.notices.append(f"Từ khóa quá dài nên chỉ dùng {MAX_QUERY_LENGTH} ký tự đầu.")
    filters.query = query
    return filters, choices


def _filtered(site, filters):
    documents = Document.objects.published().for_site(site).for_listing().newest_first()
    if filters.doc_type:
        documents = documents.filter(doc_type=filters.doc_type)
    if filters.issuer:
        documents = documents.filter(issuer_id=filters.issuer)
    if filters.sector:
        documents = documents.filter(sector__slug=filters.sector, sector__site=site)
    if filters.year:
        documents = documents.filter(issued_on__year=filters.year)
    if filters.query:
        documents = documents.search(filters.query)
    return documents


def _query_string(filters, number=None):
    """The list's query string for these (checked) filters and page number."""
    pairs = [("loai", filters.doc_type), ("co-quan", filters.issuer or ""), ("linh-vuc", filters.sector),
             ("nam", filters.year or ""), ("q", filters.query)]
    if number:
        pairs.append(("trang", number))
    return urlencode([(k, v) for k, v in pairs if v])


def _render_list(request, filters, choices):
    paginator = Paginator(_filtered(request.site, filters), PER_PAGE)
    number = positive_int(request.GET.get("trang", "1"))
    if number is None or number > max(paginator.num_pages, 1):
        raise Http404("Không có trang này.")
    page = paginator.page(number)
    return render(request, "documents/document_list.html", {
        "page": page,
        "filters": filters,
        "choices": choices,
        "types": DocumentType.choices,
        "previous_url": f"?{_query_string(filters, page.previous_page_number())}" if page.has_previous() else "",
        "next_url": f"?{_query_string(filters, page.next_page_number())}" if page.has_next() else "",
    })


_cached_list = public_page(_render_list, params=FILTER_PARAMS)


@require_safe
def document_list(request):
    """/van-ban/?loai=…&co-quan=…&linh-vuc=…&nam=…&q=…&trang=…"""
    filters, choices = parse_filters(request.GET, request.site)
    # Free-text searches and ignored values are not cached: they would multiply copies.
    return (_cached_list if filters.cacheable else _render_list)(request, filters, choices)


@require_safe
@public_page
def document_detail(request, slug, pk):
    document = get_object_or_404(
        Document.objects.published().for_site(request.site)
        .select_related("issuer", "sector", "replaced_by").prefetch_related("attachments"),
        pk=pk,
    )
    if slug != document.slug:
        return redirect(document, permanent=True)
    replaces = Document.objects.published().filter(replaced_by=document).newest_first()
    return render(request, "documents/document_detail.html", {
        "document": document,
        "replaces": list(replaces),
        "replaced_by": document.replaced_by if document.replaced_by and document.replaced_by.is_published else None,
        "canonical_url": request.site.absolute(document.get_absolute_url()),
    })


def serve_file(item, ext):
    """A stored file (an AttachedFile) with its real content type and its Vietnamese name.

    Not through the page cache (files can be large); the storage streams it. PDFs open in
    the browser, Word and Excel files download.
    """
    if ext != item.kind:
        raise Http404("Không có tệp này.")
    try:
        handle = item.file.open("rb")
    except FileNotFoundError:
        raise Http404("Tệp không còn trên máy chủ.")
    response = FileResponse(
        handle, content_type=item.content_type, as_attachment=item.kind != "pdf",
        filename=item.download_name,
    )
    response["Cache-Control"] = "public, max-age=300"
    return response


@require_safe
def attachment(request, pk, slug, ext):
    """A published document's file."""
    item = get_object_or_404(
        Attachment.objects.filter(
            document__site=request.site, document__is_published=True
        ).only("file", "name", "kind"),
        pk=pk,
    )
    return serve_file(item, ext)

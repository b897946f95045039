"""The newsroom's content: sections, authors, events and articles."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Case, F, Prefetch, Q, Value, When
from django.db.models.functions import Coalesce
from django.db.models.expressions import RawSQL
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from benluc.links import link
from benluc.text import index_text, search_columns, slugify_vi, words
from sites.models import Site, default_site_id

from .images import PhotoField, PhotoMixin, validate_photo
from .sanitize import sanitize_body


def unique_slug(instance, source, *, scope=None, max_length=200):
    """A slug from `source`, made unique among `scope` (a queryset) with -2, -3…"""
    base = slugify_vi(source)[:max_length].strip("-") or "bai-viet"
    scope = scope if scope is not None else type(instance)._default_manager.all()
    if instance.pk:
        scope = scope.exclude(pk=instance.pk)
    slug, n = base, 2
    while scope.filter(slug=slug).exists():
        suffix = f"-{n}"
        slug = f"{base[: max_length - len(suffix)]}{suffix}"
        n += 1
    return slug


def site_field(related_name):
    """The site a piece of content belongs to (the default site unless chosen)."""
    return models.ForeignKey(
        Site, verbose_name=_("trang"), on_delete=models.PROTECT, related_name=related_name,
        default=default_site_id,
    )


class CategoryQuerySet(models.QuerySet):
    def menu(self, site):
        """The site's sections for its menu, from the shared cache (one query per edit)."""
        from sites.cache import fragment

        return fragment(site, "nav:categories", lambda: list(self.filter(site=site).order_by("position", "name")))


# First path segments the site uses itself: a section may not take them.
RESERVED_SECTION_SLUGS = {
    "admin", "binh-luan", "media", "static", "rss", "su-kien", "tac-gia", "tim-kiem",
    "robots-txt", "sitemap-xml", "sitemap-news-xml", "favicon-ico", "tin-co-so",
    # The portal content a state agency's site must publish (Nghị định 42/2022/NĐ-CP).
    "van-ban", "lich-cong-tac", "hoi-dap", "du-thao", "gioi-thieu", "en", "so-do-trang",
}


class Category(models.Model):
    site = site_field("categories")
    name = models.CharField(_("tên chuyên mục"), max_length=100)
    slug = models.SlugField(_("đường dẫn"), max_length=100, blank=True)
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    description = models.TextField(_("mô tả"), blank=True)

    objects = CategoryQuerySet.as_manager()

    class Meta:
        verbose_name = _("chuyên mục")
        verbose_name_plural = _("chuyên mục")
        ordering = ["position", "name"]
        constraints = [
            models.UniqueConstraint(fields=["site", "slug"], name="category_slug_per_site"),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        if self.slug in RESERVED_SECTION_SLUGS:
            raise ValidationError(
                {"slug": _("Đường dẫn “%(slug)s” trùng với một trang của hệ thống; hãy chọn đường dẫn khác.")
                 % {"slug": self.slug}}
            )

    def save(self, *args, **kwargs):
        scope = Category._default_manager.filter(site_id=self.site_id)
        if not self.slug:
            self.slug = unique_slug(self, self.name, scope=scope, max_length=100)
        if self.slug in RESERVED_SECTION_SLUGS:
            # "Sự kiện" as a section name would shadow /su-kien/: keep it apart.
            self.slug = unique_slug(self, f"{self.slug} chuyen muc", scope=scope, max_length=100)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return link("articles:category", slug=self.slug)


class Author(PhotoMixin, models.Model):
    site = site_field("authors")
    name = models.CharField(_("họ tên"), max_length=120)
    slug = models.SlugField(_("đường dẫn"), max_length=120, blank=True)
    role = models.CharField(_("chức danh"), max_length=120, blank=True)
    bio = models.TextField(_("giới thiệu"), blank=True)
    photo = PhotoField(
        _("ảnh chân dung"), upload_to="authors/%Y/", blank=True, validators=[validate_photo]
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("tài khoản"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="author_profile",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("tác giả")
        verbose_name_plural = _("tác giả")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["site", "slug"], name="author_slug_per_site"),
        ]

    def __str__(self):
        return self.name

    photo_fields = ("photo", None, None, None)

    def save(self, *args, **kwargs):
        if not self.slug:
            scope = Author._default_manager.filter(site_id=self.site_id)
            self.slug = unique_slug(self, self.name, scope=scope, max_length=120)
        self.prepare_photo()  # upright, without EXIF (GPS included)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return link("articles:author", slug=self.slug)


class EventQuerySet(models.QuerySet):
    def upcoming(self, now=None):
        """Events that have not ended yet, soonest first."""
        now = now or timezone.now()
        return self.filter(
            Q(ends_at__gte=now) | Q(ends_at__isnull=True, starts_at__gte=now)
        ).order_by("starts_at")

    def past(self, now=None):
        """Events that are over, latest first."""
        now = now or timezone.now()
        return self.filter(
            Q(ends_at__lt=now) | Q(ends_at__isnull=True, starts_at__lt=now)
        ).order_by("-starts_at")


class Event(models.Model):
    class Kind(models.TextChoices):
        CONFERENCE = "hoi-nghi", _("Hội nghị")
        MEETING = "hop", _("Cuộc họp, kỳ họp")
        CEREMONY = "le", _("Lễ, mít tinh")
        CAMPAIGN = "phong-trao", _("Phong trào, chiến dịch")
        FESTIVAL = "le-hoi", _("Lễ hội, văn hóa – thể thao")
        TRAINING = "tap-huan", _("Tập huấn")
        OTHER = "khac", _("Khác")

    site = site_field("events")
    name = models.CharField(_("tên sự kiện"), max_length=255)
    slug = models.SlugField(_("đường dẫn"), max_length=200, blank=True)
    kind = models.CharField(_("loại"), max_length=20, choices=Kind.choices, default=Kind.CONFERENCE)
    starts_at = models.DateTimeField(_("bắt đầu"))
    ends_at = models.DateTimeField(_("kết thúc"), null=True, blank=True)
    location = models.CharField(_("địa điểm"), max_length=255, blank=True)
    organiser = models.CharField(_("đơn vị tổ chức"), max_length=255, blank=True)
    chair_name = models.CharField(_("người chủ trì"), max_length=120, blank=True)
    chair_office = models.CharField(
        _("chức vụ người chủ trì"), max_length=255, blank=True,
        help_text=_("Ví dụ: Phó Bí thư Thường trực Huyện ủy, Chủ tịch HĐND huyện"),
    )
    description = models.TextField(_("mô tả"), blank=True)
    history = HistoricalRecords()

    objects = EventQuerySet.as_manager()

    class Meta:
        verbose_name = _("sự kiện")
        verbose_name_plural = _("sự kiện")
        ordering = ["-starts_at"]
        get_latest_by = "starts_at"
        indexes = [models.Index(fields=["starts_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__isnull=True) | Q(ends_at__gte=models.F("starts_at")),
                name="event_ends_after_start",
                violation_error_message=_("Thời gian kết thúc phải sau thời gian bắt đầu."),
            )
        ]

    def __str__(self):
        return f"{self.name} ({timezone.localtime(self.starts_at):%d/%m/%Y})"

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify_vi(self.name)[:200].strip("-") or "su-kien"
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return link("articles:event", slug=self.slug, pk=self.pk)

    @property
    def chair(self):
        """`Dương Văn Út – Phó Bí thư …` or just the name."""
        return " – ".join(p for p in (self.chair_name, self.chair_office) if p)


# The admin list's order (see ArticleQuerySet.attention_first): what needs the
# desk's attention, then newest first. Drafts have no publish_at: their creation
# time stands in, so no NULL is sorted and both databases agree.
DESK_RANK = Case(
    When(status="review", then=Value(0)),
    When(status__in=["draft", "returned"], then=Value(1)),
    default=Value(2),
    output_field=models.IntegerField(),
)
DESK_ORDER = [DESK_RANK.asc(), Coalesce("publish_at", "created_at").desc(), F("id").desc()]


class ArticleQuerySet(models.QuerySet):
    def published(self, now=None):
        """What the public may see: published, and due (publish_at ≤ now).

        Every public view, feed, sitemap and search starts from here, so a draft
        or a scheduled article can never leak through a forgotten filter, and a
        scheduled article appears on time with no cron job.
        """
        return self.filter(
            status=Article.Status.PUBLISHED,
            publish_at__lte=now or timezone.now(),
        )

    def for_site(self, site):
        """The articles of one site."""
        return self.filter(site=site)

    def bulk_create(self, objs, *args, **kwargs):
        """As Django's, with each article's site taken from its section (as save() does)."""
        objs = list(objs)
        missing = {a.category_id for a in objs if a.site_id is None}
        if missing:
            sites = dict(Category.objects.filter(pk__in=missing).values_list("pk", "site_id"))
            for article in objs:
                if article.site_id is None:
                    article.site_id = sites.get(article.category_id)
        return super().bulk_create(objs, *args, **kwargs)

    def community_news(self, portal):
        """Articles of the portal's communes that the portal accepted (its "Tin cơ sở")."""
        return self.filter(site__parent=portal, portal_status=Article.PortalStatus.ACCEPTED)

    def teasers(self):
        """Rows for links to articles: with their section, without the long text columns."""
        return self.select_related("category").defer(
            "body", "search_text", "search_title", "search_sapo", "byline_ids"
        )

    def with_byline(self):
        """Authors in byline order, prefetched in one query (see `Article.ordered_authors`)."""
        return self.prefetch_related(
            Prefetch(
                "article_authors",
                queryset=ArticleAuthor.objects.select_related("author").order_by("position"),
            )
        )

    def for_listing(self):
        """What article lists need (teaser and byline), in a fixed number of queries."""
        return self.teasers().with_byline()

    def latest_per_section(self, categories, count):
        """The newest `count` articles of each section, in one statement.

        One small `IN (… ORDER BY publish_at DESC LIMIT n)` per section, each
        answered from the (category, status, publish_at) index; a window
        function over every article would rank the whole archive instead.
        """
        parts, params = [], []
        for n, category in enumerate(categories):
            newest = self.filter(category=category).newest_first().values("pk")[:count]
            sql, part_params = newest.query.sql_with_params()
            # Wrapped: SQLite refuses LIMIT directly inside a UNION's members.
            parts.append(f"SELECT * FROM ({sql}) AS section_{n}")
            params.extend(part_params)
        if not parts:
            return self.none()
        # One IN over a UNION ALL: an OR of several INs makes PostgreSQL scan the table.
        return self.filter(pk__in=RawSQL(" UNION ALL ".join(parts), params))

    def newest_first(self):
        """Newest publication first (not Django's `latest()`, which returns one row)."""
        return self.order_by("-publish_at", "-pk")

    def attention_first(self):
        """The newsroom's order: in review, then drafts and returned ones, then newest first.

        Written as the expression of the `article_desk_idx` index, so a page of the
        admin list is an index walk that stops after one page, on both databases.
        """
        return self.order_by(*DESK_ORDER)

    def written_by(self, user):
        """Articles `user` created or signs (a reporter's "Bài của tôi")."""
        signed = ArticleAuthor.objects.filter(author__user=user).values("article_id")
        return self.filter(Q(created_by=user) | Q(pk__in=signed))

    def refresh_derived(self):
        """Recompute the byline and search columns of these articles from their rows.

        The one place `byline_ids`, `search_text`, `search_title` and `search_sapo`
        are written. Called once an article and its author rows are saved (the
        admin's `save_related`), after a revision is restored, by `load_bulk` for
        each batch, and when an author or event is renamed. The latest revision of
        each article gets the byline too, so restoring it restores the byline.
        """
        rows = list(self.order_by().values_list("pk", "title", "sapo", "body", "event_id", "byline_ids"))
        if not rows:
            return 0
        ids = [row[0] for row in rows]
        bylines, names = {}, {}
        links = ArticleAuthor.objects.filter(article_id__in=ids).order_by("article_id", "position", "pk")
        for article_id, author_id, name in links.values_list("article_id", "author_id", "author__name"):
            bylines.setdefault(article_id, []).append(author_id)
            names.setdefault(article_id, []).append(name)
        events = {
            pk: (name, organiser)
            for pk, name, organiser in Event.objects.filter(
                pk__in={row[4] for row in rows if row[4]}
            ).values_list("pk", "name", "organiser")
        }
        changed = []
        for pk, title, sapo, body, event_id, old_byline in rows:
            more = names.get(pk, []) + list(events.get(event_id, ()))
            text, title_words, sapo_words = search_columns(title, sapo, body, *more)
            changed.append(Article(
                pk=pk, byline_ids=bylines.get(pk, []), search_text=text,
                search_title=title_words, search_sapo=sapo_words,
            ))
        Article._default_manager.bulk_update(
            changed, ["byline_ids", "search_text", "search_title", "search_sapo"], batch_size=500
        )
        History = Article.history.model
        latest = History.objects.filter(id__in=ids).values("id").annotate(last=models.Max("history_id"))
        for revision in History.objects.filter(history_id__in=latest.values("last")).only("id", "byline_ids"):
            byline = bylines.get(revision.id, [])
            if revision.byline_ids != byline:
                History.objects.filter(pk=revision.pk).update(byline_ids=byline)
        return len(changed)


# A validator message is %-formatted: "%%" is a percent sign.
FOCAL_OUTSIDE = _("Điểm chính phải nằm trong ảnh: từ 0 đến 100 (%%).")


class Article(PhotoMixin, models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Bản nháp")
        REVIEW = "review", _("Chờ duyệt")
        RETURNED = "returned", _("Trả lại")
        PUBLISHED = "published", _("Đã xuất bản")
        ARCHIVED = "archived", _("Lưu trữ")

    class PortalStatus(models.TextChoices):
        """A commune's article offered to its province's portal ("Tin cơ sở")."""

        NONE = "", _("Không đề xuất")
        OFFERED = "offered", _("Đã đề xuất lên cổng tỉnh")
        ACCEPTED = "accepted", _("Cổng tỉnh đã đăng")
        DECLINED = "declined", _("Cổng tỉnh không nhận")

    # Always the section's site (set on save); kept on the row for the per-site indexes.
    site = models.ForeignKey(
        Site, verbose_name=_("trang"), on_delete=models.PROTECT, related_name="articles",
        editable=False,
    )
    title = models.CharField(_("tiêu đề"), max_length=255)
    slug = models.SlugField(
        _("đường dẫn"), max_length=200, blank=True,
        help_text=_("Để trống để tạo tự động từ tiêu đề; giữ nguyên khi sửa tiêu đề."),
    )
    sapo = models.TextField(
        _("sa pô (tóm tắt)"), blank=True,
        help_text=_("Đoạn dẫn in đậm dưới tiêu đề. Bắt buộc khi gửi duyệt hoặc xuất bản."),
    )
    body = models.TextField(_("nội dung"), blank=True)
    cover = PhotoField(
        _("ảnh đại diện"), upload_to="articles/%Y/%m/", blank=True, validators=[validate_photo]
    )
    cover_caption = models.CharField(_("chú thích ảnh đại diện"), max_length=255, blank=True)
    cover_alt = models.CharField(
        _("mô tả ảnh (alt)"), max_length=255, blank=True,
        help_text=_("Bắt buộc khi có ảnh: mô tả nội dung ảnh cho người khiếm thị."),
    )
    # The point of the cover that teaser and share crops keep in frame, in % of width and
    # height from the top left, chosen by clicking the photo in the admin; empty: the centre.
    # Nullable without default, so SQLite adds the columns in place (see byline_ids).
    cover_focal_x = models.PositiveSmallIntegerField(
        _("điểm chính của ảnh (ngang, %)"), null=True, blank=True,
        validators=[MaxValueValidator(100, FOCAL_OUTSIDE)],
    )
    cover_focal_y = models.PositiveSmallIntegerField(
        _("điểm chính của ảnh (dọc, %)"), null=True, blank=True,
        validators=[MaxValueValidator(100, FOCAL_OUTSIDE)],
    )
    cover_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    cover_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    cover_renditions = models.JSONField(default=list, blank=True, editable=False)
    category = models.ForeignKey(
        Category, verbose_name=_("chuyên mục"), on_delete=models.PROTECT, related_name="articles"
    )
    authors = models.ManyToManyField(
        Author, through="ArticleAuthor", verbose_name=_("tác giả"), related_name="articles",
        blank=True,
    )
    event = models.ForeignKey(
        Event, verbose_name=_("sự kiện"), on_delete=models.SET_NULL, null=True, blank=True,
        related_name="articles",
    )
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    publish_at = models.DateTimeField(
        _("thời điểm xuất bản"), null=True, blank=True,
        help_text=_("Để trống khi xuất bản ngay; đặt giờ trong tương lai để hẹn giờ."),
    )
    allow_comments = models.BooleanField(_("cho phép bình luận"), default=True)
    portal_status = models.CharField(
        _("tin cơ sở"), max_length=10, choices=PortalStatus.choices, default=PortalStatus.NONE,
        blank=True, editable=False,
    )
    portal_decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("cổng tỉnh quyết định bởi"), on_delete=models.SET_NULL,
        null=True, blank=True, related_name="+", editable=False,
    )
    portal_decided_at = models.DateTimeField(_("cổng tỉnh quyết định lúc"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("ngày tạo"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người tạo"), on_delete=models.SET_NULL,
        null=True, blank=True, related_name="+", editable=False,
    )
    # Title, sapo, text, authors, event: case- and diacritic-folded, for search.
    search_text = models.TextField(blank=True, editable=False)
    # Title and sapo alone, folded the same way: search ranks title > sapo > body.
    search_title = models.TextField(blank=True, editable=False)
    search_sapo = models.TextField(blank=True, editable=False)
    # Author ids in byline order, as last saved. Kept in every revision, so that
    # restoring a revision restores its byline too (ArticleAuthor rows have no history).
    # Nullable without default: SQLite then adds the column in place instead of
    # rebuilding the table (which would drop the search triggers of migration 0003).
    byline_ids = models.JSONField(null=True, blank=True, editable=False)

    history = HistoricalRecords(
        excluded_fields=["search_text", "search_title", "search_sapo", "cover_renditions"]
    )
    objects = ArticleQuerySet.as_manager()

    photo_fields = ("cover", "cover_width", "cover_height", "cover_renditions")
    photo_crops = ("teaser", "share")  # home lead and lists; og:image

    @classmethod
    def from_db(cls, db, field_names, values):
        article = super().from_db(db, field_names, values)
        article._saved_focal = (article.__dict__.get("cover_focal_x"), article.__dict__.get("cover_focal_y"))
        return article

    def photo_focal(self):
        return (
            50 if self.cover_focal_x is None else self.cover_focal_x,
            50 if self.cover_focal_y is None else self.cover_focal_y,
        )

    def focal_moved(self):
        """Was the cover's focal point changed since this row was read?"""
        saved = getattr(self, "_saved_focal", None)
        return saved is not None and saved != (self.cover_focal_x, self.cover_focal_y)

    class Meta:
        verbose_name = _("bài viết")
        verbose_name_plural = _("bài viết")
        ordering = ["-publish_at", "-pk"]
        get_latest_by = "publish_at"
        permissions = [
            ("publish_article", _("Có thể xuất bản, hẹn giờ, gỡ và khôi phục bài viết")),
        ]
        constraints = [
            models.UniqueConstraint(fields=["category", "slug"], name="article_slug_per_category"),
        ]
        indexes = [
            models.Index(fields=["site", "status", "publish_at"], name="article_visible_idx"),
            models.Index(fields=["category", "status", "publish_at"], name="article_section_idx"),
            models.Index(*DESK_ORDER, name="article_desk_idx"),
            # The admin's date filters and sorting by publication time.
            models.Index(fields=["publish_at"], name="article_publish_idx"),
            # The portal's "Tin cơ sở": accepted articles of its communes, newest first.
            models.Index(
                fields=["portal_status", "publish_at"], name="article_community_idx",
                condition=Q(portal_status="accepted"),
            ),
        ]

    # What a reporter may still change (see `editable_by`); the rest is the editors'.
    REPORTER_STATUSES = (Status.DRAFT, Status.RETURNED)

    def __str__(self):
        return self.title

    def editable_by(self, user):
        """Editors change any article; a reporter only one they wrote or sign, while unpublished."""
        if user.has_perm("articles.publish_article", self if self.pk else None):
            return True
        if self.status not in self.REPORTER_STATUSES:
            return False
        return self.created_by_id == user.pk or (
            self.pk is not None and self.authors.filter(user=user).exists()
        )

    def save(self, *args, **kwargs):
        self.site_id = self.owning_site_id()  # an article lives on its section's site
        self.body = sanitize_body(self.body)
        if not self.slug:
            self.slug = unique_slug(
                self, self.title, scope=Article._default_manager.filter(category_id=self.category_id)
            )
        if self.status == self.Status.PUBLISHED and not self.publish_at:
            self.publish_at = timezone.now()
        new_cover = self.prepare_photo()
        super().save(*args, **kwargs)
        if new_cover or (self.cover and self.focal_moved()):
            self.schedule_renditions()  # crops around the new focal point
        self._saved_focal = (self.cover_focal_x, self.cover_focal_y)

    def owning_site_id(self):
        """The site this article is (or, once saved, will be) on: its section's."""
        if self.category_id:
            return self.category.site_id
        return self.site_id

    def clean(self):
        super().clean()
        if self.event_id and self.category_id and self.event.site_id != self.category.site_id:
            raise ValidationError({"event": _("Sự kiện này thuộc trang khác; hãy chọn sự kiện của trang này.")})
        if self.cover and not (self.cover_alt or "").strip():
            raise ValidationError(
                {"cover_alt": _("Hãy nhập mô tả ảnh (alt) cho ảnh đại diện.")}
            )

    def restore_byline(self, author_ids):
        """Make the byline `author_ids` again (authors deleted since are left out)."""
        existing = Author.objects.in_bulk(author_ids)
        self.article_authors.all().delete()
        ArticleAuthor.objects.bulk_create(
            ArticleAuthor(article=self, author_id=author_id, position=position)
            for position, author_id in enumerate(a for a in author_ids if a in existing)
        )

    def refresh_derived(self):
        """Recompute this article's byline and search columns (see ArticleQuerySet.refresh_derived)."""
        Article.objects.filter(pk=self.pk).refresh_derived()
        fresh = Article._default_manager.filter(pk=self.pk).values(
            "byline_ids", "search_text", "search_title", "search_sapo"
        ).first()
        for name, value in (fresh or {}).items():
            setattr(self, name, value)

    def get_absolute_url(self):
        return link("articles:article", category=self.category.slug, slug=self.slug, pk=self.pk)

    def get_community_url(self):
        """Where the province's portal shows this commune article ("Tin cơ sở")."""
        return link("articles:community_article", slug=self.slug, pk=self.pk)

    @property
    def original_url(self):
        """The absolute address of the article on its own site (the canonical one)."""
        return self.site.absolute(self.get_absolute_url())

    @property
    def is_public(self):
        return (
            self.status == self.Status.PUBLISHED
            and self.publish_at is not None
            and self.publish_at <= timezone.now()
        )

    def ordered_authors(self):
        """Authors in byline order (uses the prefetch from `for_listing()` if present)."""
        return [link.author for link in self.article_authors.all()]

    @property
    def byline(self):
        """`Việt Hằng – Kim Phượng`: authors in order, joined with an en dash."""
        return " – ".join(author.name for author in self.ordered_authors())


class OfferedArticle(Article):
    """A commune's article as its province's portal editors see it: offered, accepted or not."""

    class Meta:
        proxy = True
        verbose_name = _("tin cơ sở đề xuất")
        verbose_name_plural = _("tin cơ sở đề xuất lên cổng tỉnh")


class ArticleAuthor(models.Model):
    """Byline order: the first author is named first."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="article_authors")
    author = models.ForeignKey(
        Author, verbose_name=_("tác giả"), on_delete=models.PROTECT, related_name="article_links"
    )
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("tác giả của bài")
        verbose_name_plural = _("tác giả của bài (theo thứ tự ký tên)")
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["article", "author"], name="article_author_once"),
        ]

    def __str__(self):
        return str(self.author)


class ArticleImageQuerySet(models.QuerySet):
    def library(self, site, query=""):
        """The newsroom's photo library: `site`'s photos, newest first, found by caption or
        alt text ignoring case and diacritics (the folding of search)."""
        photos = self.filter(site=site)
        for word in words(query)[:8]:
            photos = photos.filter(search_caption__contains=word)
        return photos.order_by("-pk")

    def attach_placed(self, article):
        """Give `article` the unattached uploads of its site that its body now shows."""
        from articles.templatetags.news import media_names

        names = media_names(article.body)
        if not names:
            return 0
        return self.filter(article__isnull=True, site_id=article.site_id, image__in=names).update(article=article)


class ArticleImage(PhotoMixin, models.Model):
    """A photo of the newsroom's library, usually uploaded for (and attached to) an article,
    placed in its body as a figure with its caption."""

    # Empty while the article it was uploaded for is not saved yet (it is attached when the
    # article is saved with the photo in its body); a deleted article leaves its photos in
    # the library, where other articles may show them.
    article = models.ForeignKey(
        Article, on_delete=models.SET_NULL, related_name="images", null=True, blank=True,
    )
    site = models.ForeignKey(
        Site, verbose_name=_("trang"), on_delete=models.CASCADE, related_name="photos",
        null=True, blank=True, editable=False,
    )
    image = PhotoField(_("ảnh"), upload_to="articles/%Y/%m/", validators=[validate_photo])
    caption = models.CharField(_("chú thích"), max_length=255, blank=True)
    alt = models.CharField(
        _("mô tả ảnh (alt)"), max_length=255,
        help_text=_("Mô tả nội dung ảnh cho người khiếm thị và máy tìm kiếm."),
    )
    width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    renditions = models.JSONField(default=list, blank=True, editable=False)
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người tải lên"), on_delete=models.SET_NULL,
        null=True, blank=True, related_name="+", editable=False,
    )
    created_at = models.DateTimeField(_("tải lên lúc"), auto_now_add=True, null=True)
    # Caption and alt text, folded like search, for the library's search box.
    search_caption = models.TextField(blank=True, editable=False)

    objects = ArticleImageQuerySet.as_manager()

    photo_crops = ("share",)  # the share image of an article without a cover

    class Meta:
        verbose_name = _("ảnh")
        verbose_name_plural = _("thư viện ảnh")
        ordering = ["position", "pk"]

    def __str__(self):
        return self.caption or self.alt or self.image.name

    def save(self, *args, **kwargs):
        if self.article_id:
            self.site_id = self.article.site_id
        self.search_caption = index_text(f"{self.caption} {self.alt}")
        new_photo = self.prepare_photo()
        super().save(*args, **kwargs)
        if new_photo:
            self.schedule_renditions()

    def as_json(self):
        """What the editor's photo picker needs: the address the body stores, a preview."""
        preview = self.photo_rendition(width=480)
        return {
            "id": self.pk, "src": self.image.url, "alt": self.alt, "caption": self.caption,
            "preview": preview["url"] if preview else self.image.url,
            "width": self.width, "height": self.height,
        }

    def figure_html(self):
        """The snippet staff paste into the editor (Figure with caption)."""
        from django.utils.html import format_html

        return format_html(
            '<figure><img src="{}" alt="{}"><figcaption>{}</figcaption></figure>',
            self.image.url, self.alt, self.caption,
        )

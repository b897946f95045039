"""Load the demo province: the portal of Tây Ninh and three communes, each with its newsroom.

Bến Lức (a commune of Tây Ninh since July 2025) gets the archive around the 30/6/2022
conference report; the portal and the other sites a smaller newsroom each; every site gets
staff for each role, comments, and whatever the other apps' demo loaders add
(`DEMO_LOADERS`). Idempotent: everything is looked up by its natural key within its site
first, so running it again changes nothing (and never overwrites what staff edited since).
"""

from datetime import datetime, timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from articles import roles
from articles.demo import content, photos
from articles.demo import sites as province
from articles.models import Article, ArticleAuthor, ArticleImage, Author, Category, Event
from sites.models import Membership, Site

# Other apps' demo content: each is called as loader(site, stdout) for every demo site, and
# must be idempotent like this command.
DEMO_LOADERS = [
    "comments.demo.load_demo_comments",
    "schedule.demo.load_demo_schedule",
    "organisation.demo.load_demo_organisation",
    "questions.demo.load_demo_questions",
    "documents.demo.load_demo_documents",
    "consultations.demo.load_demo_drafts",
    "readership.demo.load_demo_readership",
]

# One login per role per site: <prefix>-<site slug>, e.g. bientap-benluc, bientap-tinh.
ROLE_LOGINS = [
    ("phongvien", "Phóng viên", roles.REPORTER),
    ("bientap", "Biên tập viên", roles.EDITOR),
    ("kiemduyet", "Kiểm duyệt viên", roles.MODERATOR),
    ("traloi", "Trả lời hỏi đáp", roles.ANSWERER),
]
DEMO_PASSWORD = "benluc-demo-2022"


def _local(iso):
    return timezone.make_aware(datetime.fromisoformat(iso))


def login(prefix, site):
    return f"{prefix}-{site.slug}"


class Command(BaseCommand):
    help = "Nạp dữ liệu mẫu: cổng tỉnh Tây Ninh và ba xã, phường (chạy lại nhiều lần không thay đổi gì)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force", action="store_true",
            help="Nạp cả khi DEBUG tắt (máy chạy thật): tạo tài khoản admin với mật khẩu mẫu công khai.",
        )

    def handle(self, *args, **options):
        if not settings.DEBUG and not options["force"]:
            # The demo makes `admin` and every role's login with the password printed in the
            # README: on a production server that is an open door.
            raise CommandError(
                "load_demo tạo tài khoản admin với mật khẩu mẫu công khai nên không chạy khi "
                "DEBUG tắt (máy chạy thật). Dùng `make demo` (DEBUG=true) trên máy thử, hoặc "
                "thêm --force nếu thật sự muốn nạp dữ liệu mẫu vào máy này."
            )
        today = timezone.localtime().replace(hour=8, minute=0, second=0, microsecond=0)
        with transaction.atomic():
            sites = self.load_sites()
            self.load_staff(sites)
            for site in sites:
                if site.slug == "benluc":
                    self.load_benluc(site, today)
                else:
                    self.load_newsroom(site, province.NEWSROOMS[site.slug], today)
            self.load_community_news(sites)
            for path in DEMO_LOADERS:
                loader = import_string(path)
                for site in sites:
                    loader(site, self.stdout)
        self.report(sites)

    # --- Sites and staff ---------------------------------------------------------------
    def load_sites(self):
        portal = Site.objects.filter(slug=province.PORTAL["slug"]).first()
        if portal is None:
            # The migration's default site (no host) becomes the portal: it answers
            # localhost and 127.0.0.1, and keeps taking content no site was chosen for.
            portal = Site.objects.filter(is_default=True, slug="mac-dinh").first() or Site(is_default=True)
            for field, value in province.PORTAL.items():
                setattr(portal, field, value)
            portal.save()
        sites = [portal]
        for position, data in enumerate(province.COMMUNES, start=1):
            site = Site.objects.filter(slug=data["slug"]).first()
            if site is None:
                site = Site.objects.create(parent=portal, position=position, **data)
            sites.append(site)
        return sites

    def load_staff(self, sites):
        User = get_user_model()
        if not User.objects.filter(username="admin").exists():
            User.objects.create_superuser("admin", "admin@tayninh.example", DEMO_PASSWORD, first_name="Quản trị tỉnh")
        for site in sites:
            for prefix, label, role in ROLE_LOGINS:
                username = login(prefix, site)
                if User.objects.filter(username=username).exists():
                    continue
                user = User.objects.create_user(
                    username, f"{username}@tayninh.example", DEMO_PASSWORD,
                    first_name=label, last_name=site.short_name, is_staff=True,
                )
                Membership.objects.create(user=user, site=site, role=Group.objects.get(name=role))

    def staff(self, prefix, site):
        return get_user_model().objects.get(username=login(prefix, site))

    # --- Newsrooms -----------------------------------------------------------------------
    def load_sections(self, site, rows):
        sections = {}
        for position, (name, slug, description) in enumerate(rows):
            sections[slug], _ = Category.objects.get_or_create(
                site=site, slug=slug, defaults={"name": name, "description": description, "position": position}
            )
        return sections

    def load_authors(self, site, rows):
        authors = {}
        for name, role, *bio in rows:
            authors[name] = Author.objects.filter(site=site, name=name).first() or Author.objects.create(
                site=site, name=name, role=role, bio=bio[0] if bio else ""
            )
        return authors

    def load_event(self, site, name, starts_at, ends_at, **fields):
        return Event.objects.filter(site=site, name=name).first() or Event.objects.create(
            site=site, name=name, starts_at=starts_at, ends_at=ends_at, **fields
        )

    def _link_authors(self, article, names, authors):
        for position, name in enumerate(names):
            ArticleAuthor.objects.create(article=article, author=authors[name], position=position)
        article.refresh_derived()  # byline and search columns, as the admin does after a save

    def load_newsroom(self, site, data, today):
        """A small newsroom: sections, authors, events and a handful of articles."""
        sections = self.load_sections(site, data["sections"])
        authors = self.load_authors(site, data["authors"])
        events = {}
        for key, name, kind, (start, end), location, organiser in data["events"]:
            events[key] = self.load_event(
                site, name, today + timedelta(days=start), today + timedelta(days=end, hours=3),
                kind=kind, location=location, organiser=organiser,
            )
        reporter, editor = self.staff("phongvien", site), self.staff("bientap", site)
        for n, (section, title, sapo, paragraphs, days, names, event_key) in enumerate(data["articles"]):
            if Article.objects.filter(site=site, title=title).exists():
                continue
            article = Article.objects.create(
                title=title, sapo=sapo, category=sections[section], event=events.get(event_key),
                body="".join(f"<p>{p}</p>" for p in paragraphs),
                status=Article.Status.DRAFT if days is None else Article.Status.PUBLISHED,
                publish_at=None if days is None else today - timedelta(days=days, hours=n),
                created_by=reporter if days is None else editor,
                cover=photos.scene(n + len(site.slug), f"anh-{site.slug}-{n:02d}.jpg") if n % 2 == 0 else "",
                cover_alt=f"Quang cảnh {site.short_name}" if n % 2 == 0 else "",
                cover_caption="Ảnh minh họa" if n % 2 == 0 else "",
            )
            self._link_authors(article, names, authors)

    def load_benluc(self, site, today):
        """Bến Lức's archive: seven sections, 30+ articles, the conference report."""
        sections = self.load_sections(site, content.SECTIONS)
        authors = self.load_authors(site, content.AUTHORS)
        events = {}
        for key, name, kind, (start, end), location, organiser, chair, office, description in content.EVENTS:
            if isinstance(start, int):
                starts_at, ends_at = today + timedelta(days=start), today + timedelta(days=end, hours=9)
            else:
                starts_at, ends_at = _local(start), _local(end)
            events[key] = self.load_event(
                site, name, starts_at, ends_at, kind=kind, location=location, organiser=organiser,
                chair_name=chair, chair_office=office, description=description,
            )
        editor = self.staff("bientap", site)
        self.load_conference(site, sections, authors, events, editor)
        self.load_articles(site, sections, authors, events, today, editor, self.staff("phongvien", site))

    def load_conference(self, site, sections, authors, events, editor):
        data = content.CONFERENCE
        if Article.objects.filter(site=site, title=data["title"]).exists():
            return
        article = Article.objects.create(
            title=data["title"], sapo=data["sapo"], category=sections["ben-luc"],
            event=events["dan-van-2022"], status=Article.Status.PUBLISHED,
            publish_at=_local(data["published"]), created_by=editor,
        )
        self._link_authors(article, ["Việt Hằng", "Kim Phượng"], authors)
        pictures = [photos.conference_hall(), photos.speaker()]
        figures = []
        for position, ((caption, alt), picture) in enumerate(zip(data["captions"], pictures)):
            image = ArticleImage.objects.create(
                article=article, image=picture, caption=caption, alt=alt, position=position
            )
            figures.append(image.figure_html())
        body = []
        for paragraph in data["paragraphs"]:
            if paragraph.startswith("FIGURE"):
                body.append(figures[int(paragraph[6:])])
            else:
                body.append(f"<p>{paragraph}</p>")
        article.body = "".join(body)
        article.save()
        article.refresh_derived()

    def load_articles(self, site, sections, authors, events, today, editor, reporter):
        for n, (section, title, sapo, paragraphs, days, names, event_key, status) in enumerate(
            content.ARTICLES
        ):
            if Article.objects.filter(site=site, title=title).exists():
                continue
            event = events.get(event_key) if event_key else None
            if status == "scheduled":
                publish_at = today + timedelta(days=2, hours=1)
            elif days is None and event is not None:
                publish_at = (event.ends_at or event.starts_at) + timedelta(hours=3)
            elif days is None:
                publish_at = None
            else:
                publish_at = today - timedelta(days=days, hours=n % 5, minutes=(7 * n) % 60)
            article = Article.objects.create(
                title=title, sapo=sapo, category=sections[section], event=event,
                body="".join(f"<p>{p}</p>" for p in [sapo, *paragraphs]),
                status={"scheduled": Article.Status.PUBLISHED}.get(status, status),
                publish_at=publish_at,
                created_by=reporter if status in ("draft", "review") else editor,
                cover=photos.scene(n, f"anh-{n:02d}.jpg") if n % 3 == 0 else "",
                cover_alt="Cánh đồng, dòng kênh và nhà dân ở Bến Lức" if n % 3 == 0 else "",
                cover_caption="Ảnh minh họa" if n % 3 == 0 else "",
            )
            self._link_authors(article, names, authors)

    def load_community_news(self, sites):
        """Bến Lức offered two reports to the portal: the conference one was accepted."""
        portal, benluc = sites[0], next(s for s in sites if s.slug == "benluc")
        editor = self.staff("bientap", portal)
        offers = [
            (content.CONFERENCE["title"], Article.PortalStatus.ACCEPTED),
            (content.ARTICLES[1][1], Article.PortalStatus.OFFERED),
        ]
        for title, status in offers:
            article = Article.objects.published().filter(site=benluc, title=title).first()
            if article is None or article.portal_status:
                continue
            article.portal_status = status
            if status == Article.PortalStatus.ACCEPTED:
                article.portal_decided_by, article.portal_decided_at = editor, timezone.now()
            article.save()

    # --- What to open ----------------------------------------------------------------------
    def report(self, sites):
        write = self.stdout.write
        write(self.style.SUCCESS("Đã nạp dữ liệu mẫu: cổng tỉnh và các xã, phường."))
        write(f"  Trang quản trị: {sites[0].base_url}/admin/   (mật khẩu chung: {DEMO_PASSWORD})")
        write("  Quản trị tỉnh (mọi trang)       tên đăng nhập: admin")
        for site in sites:
            write(f"  {site.name}: {site.base_url}/")
            for prefix, label, _role in ROLE_LOGINS:
                write(f"    {label:<16} tên đăng nhập: {login(prefix, site)}")

"""Load the demo newsroom: sections, authors, events, 30+ articles, staff per role.

Idempotent: everything is looked up by its natural key first, so running it
again changes nothing (and never overwrites what staff edited since).
"""

from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from articles import roles
from articles.demo import content, photos
from articles.models import Article, ArticleAuthor, ArticleImage, Author, Category, Event
from sites.models import Membership, Site

# Demo logins, printed at the end. Demo only: `make demo` runs with DEBUG on.
DEMO_USERS = [
    ("admin", "Quản trị viên", None, True),
    ("phongvien", "Phóng viên", roles.REPORTER, False),
    ("bientap", "Biên tập viên", roles.EDITOR, False),
    ("kiemduyet", "Kiểm duyệt viên", roles.MODERATOR, False),
]
DEMO_PASSWORD = "benluc-demo-2022"


def _local(iso):
    return timezone.make_aware(datetime.fromisoformat(iso))


class Command(BaseCommand):
    help = "Nạp dữ liệu mẫu cho tòa soạn Bến Lức (chạy lại nhiều lần không thay đổi gì)."

    def handle(self, *args, **options):
        today = timezone.localtime().replace(hour=8, minute=0, second=0, microsecond=0)
        with transaction.atomic():
            users = self.load_users()
            sections = self.load_sections()
            authors = self.load_authors()
            events = self.load_events(today)
            self.load_conference(sections, authors, events, users["bientap"])
            self.load_articles(sections, authors, events, today, users)
            self.load_comments()
        self.stdout.write(self.style.SUCCESS("Đã nạp dữ liệu mẫu."))
        self.stdout.write(
            f"  Trang quản trị: {settings.SITE_URL}/admin/   (mật khẩu chung: {DEMO_PASSWORD})"
        )
        for username, label, _group, _su in DEMO_USERS:
            self.stdout.write(f"  {label:<16} tên đăng nhập: {username}")

    def load_users(self):
        User = get_user_model()
        users = {}
        for username, label, group_name, superuser in DEMO_USERS:
            user = User.objects.filter(username=username).first()
            if user is None:
                user = User.objects.create_user(
                    username, f"{username}@benluc.example", DEMO_PASSWORD,
                    first_name=label, is_staff=True, is_superuser=superuser,
                )
                if group_name:
                    Membership.objects.create(
                        user=user, site=Site.objects.default(), role=Group.objects.get(name=group_name)
                    )
            users[username] = user
        return users

    def load_sections(self):
        sections = {}
        for position, (name, slug, description) in enumerate(content.SECTIONS):
            sections[slug], _ = Category.objects.get_or_create(
                slug=slug, defaults={"name": name, "description": description, "position": position}
            )
        return sections

    def load_authors(self):
        authors = {}
        for name, role, bio in content.AUTHORS:
            authors[name] = Author.objects.filter(name=name).first() or Author.objects.create(
                name=name, role=role, bio=bio
            )
        return authors

    def load_events(self, today):
        events = {}
        for key, name, kind, (start, end), location, organiser, chair, office, description in content.EVENTS:
            existing = Event.objects.filter(name=name).first()
            if existing:
                events[key] = existing
                continue
            if isinstance(start, int):
                starts_at = today + timedelta(days=start)
                ends_at = today + timedelta(days=end, hours=9)
            else:
                starts_at, ends_at = _local(start), _local(end)
            events[key] = Event.objects.create(
                name=name, kind=kind, starts_at=starts_at, ends_at=ends_at, location=location,
                organiser=organiser, chair_name=chair, chair_office=office, description=description,
            )
        return events

    def _link_authors(self, article, names, authors):
        for position, name in enumerate(names):
            ArticleAuthor.objects.create(article=article, author=authors[name], position=position)

    def load_conference(self, sections, authors, events, editor):
        data = content.CONFERENCE
        if Article.objects.filter(title=data["title"]).exists():
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

    def load_articles(self, sections, authors, events, today, users):
        for n, (section, title, sapo, paragraphs, days, names, event_key, status) in enumerate(
            content.ARTICLES
        ):
            if Article.objects.filter(title=title).exists():
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
                created_by=users["phongvien"] if status in ("draft", "review") else users["bientap"],
                cover=photos.scene(n, f"anh-{n:02d}.jpg") if n % 3 == 0 else "",
                cover_alt="Cánh đồng, dòng kênh và nhà dân ở Bến Lức" if n % 3 == 0 else "",
                cover_caption="Ảnh minh họa" if n % 3 == 0 else "",
            )
            self._link_authors(article, names, authors)

    def load_comments(self):
        """Comments in every moderation state, once the comments app provides them."""
        try:
            from comments.demo import load_demo_comments
        except ImportError:
            return
        load_demo_comments(self.stdout)

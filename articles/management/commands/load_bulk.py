"""Generate many realistic Vietnamese articles quickly, for benchmarks.

    .venv/bin/python manage.py load_bulk --articles 100000
    .venv/bin/python manage.py load_bulk --sites 100 --articles 1000000   # a province

Sections, authors and events are created if missing (looked up by slug/name).
Articles are written with bulk_create in batches; each batch's byline and
folded search columns are then filled by `refresh_derived()`, the one function
the admin uses too (save() itself is not called per row: it would take hours).
Sentences are assembled from
word lists and templates written for this project about local government,
farming, schools and public life in Bến Lức; word frequencies are skewed on
purpose (a few very common words, many rare ones) as in a real archive.
Most articles are published over the last eight years; some are drafts, in
review, archived or scheduled, so search's published-only rule matters.
No history records or photos are created. The whole-site cache is bumped once.
"""

import random
import time
from contextlib import contextmanager
from datetime import timedelta

from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.utils import timezone

from articles.models import Article, ArticleAuthor, Author, Category, Event
from sites.models import Site
from benluc.text import index_text
from benluc.text import slugify_vi

SECTIONS = [
    ("Bến Lức", "ben-luc"), ("Thời sự", "thoi-su"), ("Kinh tế", "kinh-te"),
    ("Văn hóa – Xã hội", "van-hoa-xa-hoi"), ("Giáo dục", "giao-duc"),
    ("Quốc phòng – An ninh", "quoc-phong-an-ninh"), ("Nông thôn mới", "nong-thon-moi"),
    ("Y tế", "y-te"), ("Thể thao", "the-thao"),
]

PLACES = [
    "thị trấn Bến Lức", "xã An Thạnh", "xã Bình Đức", "xã Long Hiệp", "xã Lương Bình",
    "xã Lương Hòa", "xã Mỹ Yên", "xã Nhựt Chánh", "xã Phước Lợi", "xã Tân Bửu", "xã Tân Hòa",
    "xã Thạnh Đức", "xã Thạnh Hòa", "xã Thạnh Lợi", "xã Thanh Phú",
]
HAMLETS = ["ấp 1", "ấp 2", "ấp 3", "ấp 4", "ấp Chánh", "ấp Cầu Ván", "ấp Rạch Chanh", "ấp Gò Đen", "khu phố 3", "khu phố 7"]
ORGS = [
    "Huyện ủy Bến Lức", "UBND huyện Bến Lức", "HĐND huyện", "Ủy ban MTTQ Việt Nam huyện",
    "Ban Dân vận Huyện ủy", "Hội Nông dân huyện", "Hội Liên hiệp Phụ nữ huyện", "Huyện đoàn Bến Lức",
    "Hội Cựu chiến binh huyện", "Công an huyện", "Ban Chỉ huy Quân sự huyện",
    "Phòng Giáo dục và Đào tạo", "Trung tâm Y tế huyện", "Phòng Nông nghiệp và Phát triển nông thôn",
    "Phòng Tài nguyên và Môi trường", "Phòng Văn hóa và Thông tin", "Chi cục Thuế khu vực",
    "Bảo hiểm xã hội huyện", "Phòng giao dịch Ngân hàng Chính sách xã hội", "Liên đoàn Lao động huyện",
]
# Weighted: early topics are much more frequent than late ones (see _pick).
TOPICS = [
    "công tác dân vận", "xây dựng nông thôn mới", "cải cách hành chính", "chuyển đổi số",
    "an ninh trật tự", "an toàn giao thông", "Quy chế Dân chủ ở cơ sở", "giảm nghèo bền vững",
    "an sinh xã hội", "phòng chống dịch bệnh", "thu ngân sách nhà nước", "đầu tư công",
    "dịch vụ công trực tuyến", "bảo hiểm y tế toàn dân", "khuyến học, khuyến tài",
    "phòng cháy chữa cháy", "nước sạch nông thôn", "thu gom rác thải sinh hoạt",
    "giải phóng mặt bằng", "tuyển chọn và gọi công dân nhập ngũ", "phòng chống ma túy",
    "hiến máu tình nguyện", "phổ cập giáo dục", "tiêm chủng mở rộng", "đô thị văn minh",
    "trồng chanh không hạt", "nuôi lươn không bùn", "trồng thanh long ruột đỏ", "rau an toàn",
    "chăn nuôi bò sinh sản", "kinh tế tập thể, hợp tác xã", "khu công nghiệp Thuận Đạo",
    "tuyến đường vành đai", "cầu Bến Lức mới", "sân chơi thiếu nhi", "thư viện thân thiện",
    "hộp thư góp ý", "mô hình “Dân vận khéo”", "camera an ninh", "tủ sách pháp luật",
]
EVENT_KINDS = [
    ("Hội nghị sơ kết", "hoi-nghi"), ("Hội nghị tổng kết", "hoi-nghi"), ("Hội nghị triển khai", "hoi-nghi"),
    ("Kỳ họp thường lệ về", "hop"), ("Lễ phát động", "le"), ("Lễ ra quân", "le"),
    ("Hội thi tìm hiểu", "le-hoi"), ("Ngày hội", "le-hoi"), ("Lớp tập huấn", "tap-huan"),
    ("Hội thảo chuyên đề", "hoi-nghi"), ("Lễ khởi công", "le"), ("Lễ khánh thành", "le"),
]
PERIODS = [
    "6 tháng đầu năm {y}", "năm {y}", "quý I/{y}", "quý III/{y}", "nhiệm kỳ 2020 – 2025",
    "giai đoạn 2021 – 2025", "9 tháng năm {y}", "tháng {m}/{y}",
]
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Huỳnh", "Hoàng", "Phan", "Võ", "Đặng", "Bùi", "Đỗ",
          "Hồ", "Ngô", "Dương", "Lý", "Thái", "Trương", "Đinh", "Lương", "Châu"]
MIDDLE = ["Văn", "Thị", "Minh", "Thanh", "Ngọc", "Hoàng", "Quốc", "Hữu", "Kim", "Thành", "Đức", "Bích"]
GIVEN = ["Út", "Quí", "Hằng", "Phượng", "Tâm", "Tùng", "Hân", "Bảo", "Hùng", "Dũng", "Lan", "Hoa",
         "Phúc", "Lộc", "Thọ", "Nam", "Bình", "Sơn", "Hải", "Long", "Trí", "Nghĩa", "Nhân", "Thảo",
         "Trang", "Nhung", "Tuấn", "Khoa", "Vinh", "Thủy", "Mai", "Đào", "Hiếu", "Phong", "Toàn", "Xuân"]
OFFICES = [
    "Bí thư Huyện ủy", "Phó Bí thư Thường trực Huyện ủy, Chủ tịch HĐND huyện", "Chủ tịch UBND huyện",
    "Phó Chủ tịch UBND huyện", "Trưởng Ban Dân vận Huyện ủy", "Chủ tịch Ủy ban MTTQ Việt Nam huyện",
    "Bí thư Đảng ủy xã", "Chủ tịch UBND xã", "Trưởng Công an huyện", "Chỉ huy trưởng Ban Chỉ huy Quân sự huyện",
    "Trưởng phòng Giáo dục và Đào tạo", "Giám đốc Trung tâm Y tế huyện", "Trưởng ấp",
]
PEOPLE = ["hộ dân", "hội viên", "đoàn viên", "học sinh", "cán bộ, công chức", "người lao động", "tình nguyện viên"]
ACTIONS = [
    "đẩy mạnh", "tăng cường", "thực hiện tốt", "nâng cao chất lượng", "triển khai đồng bộ",
    "quan tâm hơn nữa đến", "phát huy vai trò của Nhân dân trong", "tập trung tháo gỡ khó khăn về",
]
RESULTS = [
    "hoàn thành", "vượt", "đạt", "cơ bản hoàn thành",
]
ISSUES = [
    "tiến độ giải ngân còn chậm", "một số tiêu chí chưa bền vững", "nguồn lực còn hạn chế",
    "việc nắm tình hình dư luận có lúc chưa kịp thời", "sự phối hợp giữa các ngành chưa chặt chẽ",
    "tình trạng xả rác nơi công cộng vẫn còn", "một bộ phận người dân chưa quen dùng dịch vụ công trực tuyến",
]
GOOD_THINGS = [
    "con đường bê tông mới được thông xe", "nước sạch về tận nhà", "đèn đường được thắp sáng",
    "cây cầu mới nối hai bờ kênh", "trạm y tế được nâng cấp", "điểm trường được xây mới",
    "mô hình sinh kế giúp thu nhập tăng thêm", "thủ tục hành chính được giải quyết nhanh hơn",
]
# Two syllables each: companies and cooperatives ("Công ty Phú Thịnh"), each name rare.
COMPANY_SYLLABLES = ["Phú", "Thịnh", "Tân", "Hưng", "Vĩnh", "Phước", "Đại", "Thành", "Quang", "Trường",
                     "Gia", "Bảo", "Thuận", "Nghiệp", "Khang", "Lộc", "Phát", "Tiến", "Đạt", "Việt"]
RARE = [
    "kênh Xáng", "chợ Gò Đen", "đình Long Hiệp", "vàm Thủ Đoàn", "cầu Ván", "bến đò Rạch Chanh",
    "giống lúa ST25", "dưa lưới nhà màng", "bưởi da xanh", "ốc bươu đen", "nấm rơm", "hoa kiểng Tết",
    "đờn ca tài tử", "bóng chuyền bãi biển", "cờ tướng", "kéo co", "đua ghe", "lân sư rồng",
]

# Uncommon given names whose folded forms appear nowhere else in these lists:
# the rare words of the archive (each in about 1 article in 800).
RARE_NAMES = ["Huệ", "Khiêm", "Nguyệt", "Thoại", "Uyển", "Khuê", "Loan", "Quỳnh", "Tuyết", "Oanh",
              "Vy", "Liễu", "Sương", "Kiều", "Duyên", "Quế", "Sen", "Thoa", "Xoan", "Phụng",
              "Thêu", "Ngọt", "Mận", "Nết", "Thơm", "Chiêm", "Luyến", "Quyên", "Ngà", "Lựu"]
HONOUR = "Gương điển hình được nhắc đến nhiều là {family} {middle} {rare_name}, người đã nhiều năm gắn bó với {topic}."

SENTENCES = [
    "Sáng {day}, {org} tổ chức {kind} {topic} {period}.",
    "Chiều {day}, tại hội trường {place_short}, {org} đã tổ chức {kind} {topic}.",
    "Dự và chỉ đạo có đồng chí {person}, {office}.",
    "Cùng dự có lãnh đạo các ban, ngành, đoàn thể huyện và đại diện {n} {people} tiêu biểu.",
    "Theo báo cáo, trong {period}, {place} đã {result} {pct}% chỉ tiêu về {topic}.",
    "Đến nay, toàn huyện có {n} {people} tham gia {topic}, tăng {m} so với cùng kỳ.",
    "Bên cạnh kết quả đạt được, {org} cũng chỉ ra một số hạn chế như {issue}.",
    "Phát biểu chỉ đạo, đồng chí {person} đề nghị các cấp, các ngành tiếp tục {action} {topic}.",
    "Đồng chí nhấn mạnh, {topic} phải gắn với {topic2}, lấy sự hài lòng của người dân làm thước đo.",
    "Dịp này, {n} tập thể và {m} cá nhân được khen thưởng vì có thành tích xuất sắc trong {topic}.",
    "Người dân {hamlet}, {place} phấn khởi khi {good}.",
    "Ông {person_short}, một {people} ở {hamlet}, cho biết gia đình đã chủ động tham gia {topic} từ sớm.",
    "Tổng kinh phí thực hiện hơn {n} tỷ đồng, trong đó Nhân dân đóng góp {pct}%.",
    "Thời gian tới, {place} tập trung {action} {topic}, phấn đấu hoàn thành kế hoạch {period}.",
    "Các đại biểu đã thảo luận, đóng góp nhiều ý kiến tâm huyết về {topic} và {topic2}.",
    "Hội nghị cũng đã biểu quyết thông qua chương trình công tác {period}.",
    "Nhiều hoạt động như {rare} thu hút đông đảo người dân {place} tham gia.",
    "Mô hình {rare} ở {hamlet} đang được nhân rộng ra các xã lân cận.",
    "Lực lượng chức năng đã tuyên truyền, vận động {n} lượt {people} chấp hành tốt {topic}.",
    "Theo {org}, {topic} là nhiệm vụ trọng tâm, thường xuyên, cần sự vào cuộc của cả hệ thống chính trị.",
    "Công ty {company} cam kết tạo việc làm ổn định cho {n} lao động địa phương.",
    "Sản phẩm {rare} của hợp tác xã {company} đạt chứng nhận OCOP {stars} sao.",
]
TITLES = [
    "{Place}: {kind} {topic} {period}",
    "{Org} {action} {topic}",
    "{Place} {result} {pct}% chỉ tiêu {topic}",
    "Hơn {n} {people} tham gia {topic}",
    "{kind} {topic} {period}",
    "Đồng chí {person_short} kiểm tra {topic} tại {place}",
    "{Place}: Người dân phấn khởi khi {good}",
    "Khen thưởng {n} tập thể, cá nhân tiêu biểu trong {topic}",
    "{Rare} ở {place}",
]


def _pick(rng, items):
    """A Zipf-like choice: the first items are much more common than the last."""
    return items[min(len(items) - 1, int(rng.paretovariate(1.1)) - 1)]


def _cap(text):
    return text[:1].upper() + text[1:]


class Generator:
    """Articles assembled from generated sentences.

    Sentences are drawn from pools that fill up as the archive grows (up to POOL_SIZE per
    kind) and are then reused, as a newsroom's stock phrases are: word frequencies keep their
    skew, and each sentence is folded for search once instead of once per article (folding
    was most of the time of a large load). Rare names stay fresh in every article.
    """

    POOL_SIZE = 40_000

    def __init__(self, seed, authors, events):
        self.rng = random.Random(seed)
        self.people = [
            f"{f} {m} {g}" for f in FAMILY for m in MIDDLE for g in GIVEN
        ]
        self.authors = authors
        self.events = events
        self.pools = {}

    def slots(self, day):
        rng = self.rng
        year = day.year
        person = rng.choice(self.people)
        place = _pick(rng, PLACES)
        org = _pick(rng, ORGS)
        kind = rng.choice(EVENT_KINDS)[0]
        return {
            "day": f"{day:%d/%m}",
            "org": org, "Org": _cap(org),
            "kind": kind.lower(), "Kind": kind,
            "topic": _pick(rng, TOPICS), "topic2": _pick(rng, TOPICS),
            "period": rng.choice(PERIODS).format(y=year, m=day.month),
            "place": place, "Place": _cap(place), "place_short": place.split(" ", 1)[-1],
            "hamlet": rng.choice(HAMLETS),
            "person": person, "person_short": person.split(" ", 1)[1] if rng.random() < 0.3 else person,
            "office": rng.choice(OFFICES),
            "people": rng.choice(PEOPLE),
            "action": rng.choice(ACTIONS),
            "result": rng.choice(RESULTS),
            "issue": rng.choice(ISSUES),
            "good": rng.choice(GOOD_THINGS),
            "rare": rng.choice(RARE), "Rare": _cap(rng.choice(RARE)),
            "company": f"{rng.choice(COMPANY_SYLLABLES)} {rng.choice(COMPANY_SYLLABLES)}",
            "stars": rng.choice((3, 3, 4, 5)),
            "n": rng.randint(2, 900), "m": rng.randint(1, 60), "pct": rng.randint(60, 130),
        }

    def sentence(self, day, templates=SENTENCES, capitalise=False):
        """(text, its folded search form): a new sentence while the pool fills, then a reused one."""
        pool = self.pools.setdefault(id(templates), [])
        if len(pool) >= self.POOL_SIZE:
            return self.rng.choice(pool)
        text = self.rng.choice(templates).format(**self.slots(day))
        text = _cap(text) if capitalise else text
        pool.append((text, index_text(text)))
        return pool[-1]

    def joined(self, day, count):
        parts = [self.sentence(day) for _ in range(count)]
        return " ".join(t for t, _f in parts), " ".join(f for _t, f in parts if f)

    def article(self, day):
        """(title, sapo, body) and their folded forms (title, sapo, body text)."""
        rng = self.rng
        title, title_folded = self.sentence(day, TITLES, capitalise=True)
        sapo, sapo_folded = self.joined(day, rng.randint(1, 2))
        paragraphs = [self.joined(day, rng.randint(3, 5)) for _ in range(rng.randint(4, 7))]
        if rng.random() < 0.05:
            honour = HONOUR.format(
                family=rng.choice(FAMILY), middle=rng.choice(MIDDLE), rare_name=rng.choice(RARE_NAMES),
                topic=_pick(rng, TOPICS),
            )
            last, folded = paragraphs[-1]
            paragraphs[-1] = (f"{last} {honour}", f"{folded} {index_text(honour)}")
        body = "".join(f"<p>{p}</p>" for p, _f in paragraphs)
        body_folded = [f for _p, f in paragraphs]
        if rng.random() < 0.2:
            person = rng.choice(self.people)
            body += f"<p><strong>{person}</strong></p>"
            body_folded.append(index_text(person))
        return (title, sapo, body), (title_folded, sapo_folded, " ".join(f for f in body_folded if f))


class Command(BaseCommand):
    help = "Tạo nhanh nhiều bài viết tiếng Việt giống thật để đo hiệu năng (ví dụ --articles 100000)."

    def add_arguments(self, parser):
        parser.add_argument("--articles", type=int, default=100_000)
        parser.add_argument("--batch-size", type=int, default=1000)
        parser.add_argument("--seed", type=int, default=2022)
        parser.add_argument("--years", type=int, default=8, help="Publication dates spread over this many years.")
        parser.add_argument(
            "--sites", type=int, default=1,
            help="1: everything on the default site. N > 1: a province's portal and N - 1 communes "
                 "(xa-001.localhost, …), each with its own sections, authors and events; the "
                 "articles are spread over them.",
        )

    def handle(self, *args, articles, batch_size, seed, years, sites, **options):
        started = time.perf_counter()
        rng = random.Random(seed)
        newsrooms = []
        for site in self.sites(sites):
            authors = self.authors(rng, site)
            newsrooms.append((site, self.sections(site), authors, self.events(rng, years, site)))
        all_authors = [a for _site, _sections, authors, _events in newsrooms for a in authors]
        all_events = [e for *_rest, events in newsrooms for e in events]
        generator = Generator(seed, all_authors, all_events)
        taken = {}
        for category_id, slug in Article.objects.values_list("category_id", "slug").iterator():
            taken.setdefault(category_id, set()).add(slug)
        now = timezone.now()
        start = now - timedelta(days=365 * years)
        step = (now - start) / max(articles, 1)
        with self.search_indexes_set_aside(articles):
            done = 0
            while done < articles:
                size = min(batch_size, articles - done)
                batch, bylines = [], []
                for i in range(done, done + size):
                    # Roughly chronological ids, as in a real archive, with some jitter.
                    publish_at = start + step * i + timedelta(minutes=rng.randint(-600, 600))
                    status = Article.Status.PUBLISHED
                    roll = rng.random()
                    if roll < 0.02:
                        status = Article.Status.DRAFT
                    elif roll < 0.03:
                        status = Article.Status.REVIEW
                    elif roll < 0.04:
                        status = Article.Status.ARCHIVED
                    elif roll < 0.05:
                        publish_at = now + timedelta(days=rng.randint(1, 30))  # scheduled
                    day = timezone.localtime(min(publish_at, now))
                    (title, sapo, body), _folded = generator.article(day)
                    site, sections, authors, events = rng.choice(newsrooms)
                    category = rng.choice(sections)
                    event = rng.choice(events) if rng.random() < 0.3 else None
                    byline = rng.sample(authors, rng.choice((1, 1, 1, 2, 2, 3)))
                    # Some commune reports are on their portal's "Tin cơ sở".
                    offered = site.parent_id is not None and status == Article.Status.PUBLISHED and rng.random() < 0.02
                    slug = self.unique_slug(taken, category.pk, title)
                    batch.append(Article(
                        site_id=category.site_id, title=title, slug=slug, sapo=sapo, body=body, category=category, event=event,
                        status=status, publish_at=publish_at,
                        portal_status=Article.PortalStatus.ACCEPTED if offered else Article.PortalStatus.NONE,
                    ))
                    bylines.append(byline)
                with transaction.atomic():
                    created = Article.objects.bulk_create(batch)
                    ArticleAuthor.objects.bulk_create([
                        ArticleAuthor(article_id=article.pk, author=author, position=position)
                        for article, byline in zip(created, bylines)
                        for position, author in enumerate(byline)
                    ])
                    Article.objects.filter(pk__in=[article.pk for article in created]).refresh_derived()
                done += size
                if done % (batch_size * 10) == 0 or done == articles:
                    elapsed = time.perf_counter() - started
                    self.stdout.write(f"  {done} bài ({elapsed:.0f} giây)")
        self.finish()
        Site.objects.bump(Site.objects.values_list("pk", flat=True))
        self.stdout.write(self.style.SUCCESS(
            f"Đã tạo {articles} bài trong {time.perf_counter() - started:.0f} giây "
            f"({connection.vendor}; tổng số bài: {Article.objects.count()})."
        ))

    def unique_slug(self, taken, category_id, title):
        used = taken.setdefault(category_id, set())
        base = slugify_vi(title)[:180].strip("-") or "bai-viet"
        slug, n = base, 2
        while slug in used:
            slug, n = f"{base}-{n}", n + 1
        used.add(slug)
        return slug

    def sites(self, count):
        """The sites to fill: the default site alone, or a portal and count - 1 communes."""
        if count <= 1:
            return [Site.objects.default() or Site.objects.order_by("pk").first()]
        portal = Site.objects.filter(kind=Site.Kind.PROVINCE).order_by("pk").first()
        if portal is None:
            portal = Site.objects.create(
                slug="tinh-bulk", name="Cổng thông tin điện tử tỉnh (dữ liệu đo)", short_name="Tỉnh",
                kind=Site.Kind.PROVINCE, host="tinh-bulk.localhost",
            )
        communes = list(Site.objects.filter(parent=portal).order_by("pk"))
        for n in range(len(communes) + 1, count):
            communes.append(Site.objects.create(
                slug=f"xa-{n:03d}", name=f"Trang thông tin điện tử xã số {n}", short_name=f"Xã {n}",
                host=f"xa-{n:03d}.localhost", parent=portal, position=n,
            ))
        return [portal, *communes[: count - 1]]

    def sections(self, site):
        result = []
        for position, (name, slug) in enumerate(SECTIONS):
            category, _ = Category.objects.get_or_create(
                site=site, slug=slug, defaults={"name": name, "position": position}
            )
            result.append(category)
        return result

    def authors(self, rng, site):
        result = []
        for _ in range(40):
            name = f"{rng.choice(MIDDLE)} {rng.choice(GIVEN)}"
            author = Author.objects.filter(site=site, name=name).first() or Author.objects.create(
                site=site, name=name, role=rng.choice(["Phóng viên", "Biên tập viên", "Cộng tác viên"])
            )
            if author not in result:
                result.append(author)
        return result

    def events(self, rng, years, site, count=300):
        existing = list(Event.objects.filter(site=site, description="load_bulk"))
        if existing:
            return existing
        now = timezone.now()
        events = []
        for _ in range(count if site.parent_id is None else count // 10):
            kind, kind_code = rng.choice(EVENT_KINDS)
            starts_at = now - timedelta(days=rng.randint(0, 365 * years), hours=rng.randint(0, 12))
            name = f"{kind} {_pick(rng, TOPICS)} năm {starts_at.year}"
            events.append(Event(
                site=site, name=name, slug=slugify_vi(name)[:200], kind=kind_code, starts_at=starts_at,
                ends_at=starts_at + timedelta(hours=3), location=f"Hội trường {rng.choice(PLACES)}",
                organiser=_pick(rng, ORGS), chair_name=f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}",
                chair_office=rng.choice(OFFICES), description="load_bulk",
            ))
        return Event.objects.bulk_create(events)

    @contextmanager
    def search_indexes_set_aside(self, articles):
        """On PostgreSQL, drop the search columns' GIN indexes during a big load and rebuild them after.

        Keeping three GIN indexes up to date row by row makes a load about five
        times slower (measured here: 90 against 550 articles a second); one
        CREATE INDEX over the finished table is much cheaper. Small loads keep them.
        """
        if connection.vendor != "postgresql" or articles < 20_000:
            yield
            return
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT indexname, indexdef FROM pg_indexes "
                "WHERE tablename = 'articles_article' AND indexdef LIKE '%%USING gin%%'"
            )
            indexes = cursor.fetchall()
            for name, _definition in indexes:
                cursor.execute(f'DROP INDEX IF EXISTS "{name}"')
        try:
            yield
        finally:
            self.stdout.write(f"  Dựng lại {len(indexes)} chỉ mục tìm kiếm…")
            with connection.cursor() as cursor:
                for _name, definition in indexes:
                    cursor.execute(definition)

    def finish(self):
        """Let each database's search index and planner catch up with the new rows."""
        with connection.cursor() as cursor:
            if connection.vendor == "sqlite":
                # Merge the FTS5 segments written batch by batch into one b-tree.
                cursor.execute("INSERT INTO articles_article_fts(articles_article_fts) VALUES ('optimize')")
                cursor.execute("ANALYZE")
            elif connection.vendor == "postgresql":
                # Fresh statistics (word frequencies for tsquery estimates) and a
                # visibility map, so plans are those of a settled database.
                cursor.execute("VACUUM ANALYZE articles_article")
                cursor.execute("VACUUM ANALYZE articles_category")
                cursor.execute("VACUUM ANALYZE articles_articleauthor")

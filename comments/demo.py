"""Demo comments in every moderation state, and a few moderation rules.

Called by `manage.py load_demo`. Idempotent: a comment is created only if the
same name and text are not already on that article, a rule only if missing.
"""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from articles.demo import sites as province
from articles.models import Article

from .models import NEWSROOM_NAME, Comment, ModerationRule

A, P, R, S = (
    Comment.Status.APPROVED, Comment.Status.PENDING, Comment.Status.REJECTED, Comment.Status.SPAM,
)

RULES = [
    (ModerationRule.Kind.MODERATE_WORD, "lừa đảo", "Cáo buộc cần kiểm chứng trước khi đăng"),
    (ModerationRule.Kind.BLOCKED_WORD, "kiếm tiền online", "Quảng cáo"),
    (ModerationRule.Kind.BLOCKED_EMAIL, "@spam.example", "Tên miền chỉ gửi quảng cáo"),
    (ModerationRule.Kind.BLOCKED_IP, "198.51.100.0/24", "Dải địa chỉ gửi thư rác"),
]

# (title prefix, hours after publication, name, e-mail, text, status, flags, staff reply)
COMMENTS = [
    ("Bến Lức: Hội nghị đánh giá", 3, "Trần Văn Hùng", "hung.tran@example.com",
     "Mong huyện tiếp tục nhân rộng mô hình “Dân vận khéo” ở các ấp, nhất là trong vận động "
     "bà con hiến đất mở đường.", A, [],
     "Cảm ơn anh đã quan tâm. Ban biên tập đã chuyển ý kiến đến Ban Dân vận Huyện ủy."),
    ("Bến Lức: Hội nghị đánh giá", 5, "Nguyễn Thị Lan", "lan.nguyen@example.com",
     "Xã em lấy ý kiến người dân trước khi làm công trình rất bài bản, bà con đồng tình cao.",
     A, [], None),
    ("Bến Lức: Hội nghị đánh giá", 8, "Phạm Quốc Bảo", "bao.pham@example.com",
     "Đề nghị đăng tiến độ giải quyết kiến nghị của cử tri lên cổng thông tin để người dân "
     "tiện theo dõi.", P, [], None),
    ("Bến Lức: Hội nghị đánh giá", 9, "Võ Thanh Phong", "phong.vo@example.com",
     "Tài liệu tham khảo: https://vidu.example/a https://vidu.example/b https://vidu.example/c",
     P, ["Có 3 liên kết (tối đa 2)"], None),
    ("Bến Lức: Hội nghị đánh giá", 10, "Khách qua đường", "khach@example.com",
     "Đọc dài quá, ai mà đọc hết!!!", R, [], None),
    ("Bến Lức: Hội nghị đánh giá", 11, "Kiếm tiền nhanh", "ads@spam.example",
     "Kiếm tiền online 5 triệu mỗi ngày, liên hệ ngay!", S,
     ["E-mail nằm trong danh sách chặn", "Có từ bị chặn: “kiếm tiền online”"], None),
    ("Xã Lương Hòa hoàn thành", 4, "Huỳnh Văn Sáu", "sau.huynh@example.com",
     "Đường mới làm phẳng đẹp, xe chở lúa ra vào thuận tiện hơn nhiều. Cảm ơn chính quyền xã!",
     A, [], None),
    ("Xã Lương Hòa hoàn thành", 6, "Lê Minh Tâm", "tam.le@example.com",
     "Nghe nói có người giả danh cán bộ thu tiền đóng góp làm đường để lừa đảo, đề nghị xã "
     "thông báo rõ cho bà con.", P, ["Có từ cần duyệt: “lừa đảo”"], None),
    ("Nông dân Bến Lức chuyển đổi", 2, "Đặng Thị Mai", "mai.dang@example.com",
     "Cho tôi hỏi mua cây giống chanh không hạt ở đâu cho đúng giống ạ?", A, [],
     "Chào chị, chị liên hệ Trạm Khuyến nông huyện để được giới thiệu cơ sở giống đạt chuẩn."),
    ("Trao nhà Đại đoàn kết", 3, "Ngô Văn Tư", "tu.ngo@example.com",
     "Nghĩa cử thật đẹp. Chúc gia đình sớm ổn định cuộc sống trong căn nhà mới.", A, [], None),
    ("Trao nhà Đại đoàn kết", 7, "Trương Thị Hoa", "hoa.truong@example.com",
     "Hộ khó khăn ở ấp tôi cần làm thủ tục gì để được xét hỗ trợ xây nhà ạ?", P, [], None),
]


def _site_comments(site):
    """This site's demo comments, in the shape of COMMENTS."""
    if site.slug == "benluc":
        return COMMENTS
    return [
        (title, 4 + n, name, f"ban-doc-{site.slug}-{n}@example.com", body, status, [], None)
        for n, (slug, title, name, body, status) in enumerate(province.COMMENTS) if slug == site.slug
    ]


def load_demo_comments(site, stdout=None):
    """Create the site's demo comments (and the province-wide rules) not there yet."""
    for kind, value, note in RULES:
        ModerationRule.objects.get_or_create(site=None, kind=kind, value=value, defaults={"note": note})
    moderator = get_user_model().objects.filter(username=f"kiemduyet-{site.slug}").first()
    created = 0
    for n, (prefix, hours, name, email, body, status, flags, reply) in enumerate(_site_comments(site)):
        article = (
            Article.objects.published().for_site(site).filter(title__startswith=prefix).order_by("pk").first()
        )
        if article is None or Comment.objects.filter(article=article, name=name, body=body).exists():
            continue
        when = min(article.publish_at + timedelta(hours=hours), timezone.now())
        decided = status != P
        comment = Comment.objects.create(
            article=article, name=name, email=email, body=body, status=status, flags=flags,
            created_at=when, ip=f"203.0.113.{10 + n}", user_agent="Mozilla/5.0 (demo)",
            moderated_by=moderator if decided else None,
            moderated_at=when + timedelta(hours=1) if decided else None,
        )
        created += 1
        if reply:
            Comment.objects.create(
                article=article, parent=comment, name=NEWSROOM_NAME,
                email=moderator.email if moderator else "", body=reply, status=A,
                created_at=when + timedelta(hours=2), is_staff_reply=True, user=moderator,
                moderated_by=moderator, moderated_at=when + timedelta(hours=2),
            )
            created += 1
    if stdout is not None and created:
        stdout.write(f"  {site.short_name}: đã thêm {created} ý kiến bạn đọc mẫu.")

"""Demo drafts for every demo site: one open for comment, one closed with its summary.

Called by `manage.py load_demo` (DEMO_LOADERS) as load_demo_drafts(site, stdout). Idempotent:
drafts are looked up by title within the site; files and comments are made only with a new draft.
"""

from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from comments.models import Comment
from documents import paper

from .models import Draft, DraftAttachment, DraftComment


def _drafts(site):
    level = {"tinh": "tỉnh", "phuong": "phường"}.get(site.kind, "xã")
    place = f"{level} {site.short_name}"
    agency = f"Văn phòng HĐND và UBND {place}" if not site.is_portal else "Sở Tư pháp tỉnh Tây Ninh"
    return [
        {
            "title": f"Dự thảo Quy chế quản lý và sử dụng nhà văn hóa ấp, khu phố trên địa bàn {place}",
            "summary": "Dự thảo quy định việc giao quản lý, giờ mở cửa, thu chi kinh phí hoạt động và "
                       "trách nhiệm giữ gìn nhà văn hóa. Đề nghị người dân, tổ chức góp ý về giờ mở cửa "
                       "buổi tối và việc cho mượn nhà văn hóa để tổ chức việc cưới, việc tang.",
            "agency": agency, "opens": -5, "closes": 25, "responses": "",
            "comments": [
                ("Huỳnh Văn Lộc", "Đề nghị mở cửa nhà văn hóa đến 21 giờ để thanh niên sinh hoạt thể thao.",
                 Comment.Status.APPROVED),
                ("Lê Thị Thu", "Nên công khai khoản thu chi của nhà văn hóa mỗi quý tại bảng tin ấp.",
                 Comment.Status.APPROVED),
                ("Phan Minh Trí", "Cho mượn làm đám cưới thì ai chịu trách nhiệm vệ sinh sau buổi tiệc?",
                 Comment.Status.PENDING),
            ],
        },
        {
            "title": f"Dự thảo Kế hoạch phát triển giao thông nông thôn {place} giai đoạn 2026 – 2030",
            "summary": "Dự thảo xác định các tuyến đường ấp cần nâng cấp, nguồn vốn và cách vận động người "
                       "dân hiến đất mở rộng mặt đường.",
            "agency": agency, "opens": -75, "closes": -45,
            "responses": "Trong thời gian lấy ý kiến đã nhận 14 ý kiến của người dân và 3 ý kiến của các "
                         "đoàn thể. Cơ quan soạn thảo tiếp thu 11 ý kiến, chủ yếu về thứ tự ưu tiên các "
                         "tuyến đường và việc công khai danh sách hộ hiến đất.\n\nCác ý kiến chưa tiếp thu "
                         "đã được giải trình trong báo cáo gửi kèm dự thảo hoàn chỉnh.",
            "comments": [
                ("Trương Văn Nghĩa", "Tuyến đường ra trường tiểu học nên được ưu tiên làm trước mùa mưa.",
                 Comment.Status.APPROVED),
            ],
        },
    ]


def load_demo_drafts(site, stdout=None):
    """An open and a closed draft, with files and comments, for one demo site (idempotent)."""
    today = timezone.localdate()
    for row in _drafts(site):
        if Draft.objects.filter(site=site, title=row["title"]).exists():
            continue
        draft = Draft.objects.create(
            site=site, title=row["title"], summary=row["summary"], agency=row["agency"],
            agency_contact=f"{site.address}; {site.email}".strip("; "),
            opens_on=today + timedelta(days=row["opens"]), closes_on=today + timedelta(days=row["closes"]),
            responses_summary=row["responses"],
        )
        opens = draft.opens_on
        content = paper.pdf(
            f"{(site.agency or site.name).upper()}\n", "DỰ THẢO",
            f"{site.short_name}, ngày {opens.day} tháng {opens.month} năm {opens.year}",
            draft.title, draft.summary, "",
        )
        for name, data in (("Toàn văn dự thảo.pdf", content),
                           ("Bản thuyết minh dự thảo.docx",
                            paper.docx("Bản thuyết minh", [draft.summary, f"Cơ quan tiếp nhận ý kiến: {draft.agency}."]))):
            attachment = DraftAttachment(draft=draft)
            attachment.attach(SimpleUploadedFile(name, data))
            attachment.save()
        for hours, (name, body, status) in enumerate(row["comments"], start=1):
            created = timezone.make_aware(timezone.datetime.combine(opens, timezone.datetime.min.time())) + timedelta(hours=8 + hours)
            DraftComment.objects.create(
                draft=draft, name=name, body=body, status=status, created_at=created,
                email=f"gop-y-{hours}@example.com",
            )
    if stdout is not None:
        stdout.write(f"  {site.short_name}: {Draft.objects.filter(site=site).count()} dự thảo")

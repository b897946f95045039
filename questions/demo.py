"""Demo questions for every demo site: answered and published, being handled, overdue, new.

Called by `manage.py load_demo` (DEMO_LOADERS). Idempotent: a question is created only if the
same text is not already on that site.
"""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from .models import Field, Question

# (days ago received, name, contact, field, title, question, answer or None, published, assigned)
QUESTIONS = [
    (26, "Nguyễn Văn Bảy", "bay.nguyen@example.com", Field.LAND, "Tách thửa đất trồng lúa để cho con",
     "Gia đình tôi có khoảng 2.000 m² đất trồng lúa ở ấp 3. Tôi muốn tách một phần cho con trai "
     "làm nhà thì cần chuẩn bị hồ sơ gì và nộp ở đâu?",
     "Đất trồng lúa muốn làm nhà ở phải được chuyển mục đích sử dụng đất trước khi tách thửa. "
     "Ông chuẩn bị đơn đề nghị, giấy chứng nhận quyền sử dụng đất bản gốc và nộp tại Bộ phận "
     "tiếp nhận và trả kết quả của xã; cán bộ địa chính sẽ hướng dẫn đo đạc và kiểm tra diện tích "
     "tối thiểu được tách theo quy định của tỉnh.", True, False),
    (19, "Trần Thị Mỹ", "0912 345 678", Field.CIVIL, "Đăng ký khai sinh khi cha mẹ chưa đăng ký kết hôn",
     "Con tôi mới sinh, vợ chồng tôi chưa đăng ký kết hôn. Xin hỏi có làm khai sinh cho cháu mang "
     "họ cha được không?",
     "Được. Khi đăng ký khai sinh, cha mẹ làm thủ tục nhận cha con cùng lúc tại Ủy ban nhân dân xã; "
     "mang theo giấy chứng sinh, giấy tờ tùy thân của cha mẹ và chứng cứ chứng minh quan hệ cha con "
     "(nếu có). Thủ tục có thể nộp trực tuyến trên Cổng dịch vụ công quốc gia.", True, False),
    (12, "Lê Hoàng Nam", "nam.le@example.com", Field.SOCIAL, "Hỗ trợ học phí cho con hộ cận nghèo",
     "Gia đình tôi thuộc hộ cận nghèo năm nay. Con tôi học lớp 10 có được miễn, giảm học phí không, "
     "và nộp giấy tờ ở đâu?",
     "Học sinh thuộc hộ cận nghèo được giảm 50% học phí. Phụ huynh nộp đơn kèm bản sao giấy chứng "
     "nhận hộ cận nghèo cho nhà trường trong vòng 30 ngày kể từ ngày khai giảng.", True, True),
    (9, "Phạm Thị Thu", "thu.pham@example.com", Field.HEALTH, "",
     "Trạm y tế xã có tiêm vắc-xin phòng dại không, giá bao nhiêu và có cần hẹn trước không?",
     None, False, True),
    (30, "Võ Minh Trí", "0283 888 123", Field.BUILDING, "",
     "Tôi muốn sửa lại mái nhà cấp 4 bị dột, không thay đổi kết cấu. Có phải xin giấy phép xây dựng "
     "không?", None, False, False),
    (1, "Đỗ Văn Lộc", "loc.do@example.com", Field.AGRICULTURE, "",
     "Xã có chương trình hỗ trợ giống lúa chất lượng cao cho vụ Đông Xuân năm nay không?",
     None, False, False),
]


def load_demo_questions(site, stdout=None):
    """Create the site's demo questions not there yet."""
    User = get_user_model()
    answerer = User.objects.filter(username=f"traloi-{site.slug}").first()
    office = site.agency or site.name
    now = timezone.now()
    created = 0
    for days, name, contact, field, title, body, answer, published, assigned in QUESTIONS:
        if Question.objects.filter(site=site, body=body).exists():
            continue
        received = now - timedelta(days=days, hours=3)
        question = Question(
            site=site, name=name, field=field, title=title, body=body, received_at=received,
            email=contact if "@" in contact else "", phone="" if "@" in contact else contact,
            address=f"Xã {site.short_name}" if not site.is_portal else "",
            assigned_to=answerer if assigned or answer else None,
            status=Question.Status.ASSIGNED if assigned or answer else Question.Status.RECEIVED,
            ip="203.0.113.50", user_agent="Mozilla/5.0 (demo)",
        )
        if answer:
            question.answer, question.answered_by_office = answer, office
            question.answered_at = min(received + timedelta(days=max(days - 5, 1)), now)
            question.answered_by, question.is_published = answerer, published
        question.save()
        created += 1
    if stdout is not None and created:
        stdout.write(f"  {site.short_name}: đã thêm {created} câu hỏi mẫu (hỏi đáp).")

"""Demo organisation pages, leaders and contacts for every demo site, with English versions.

Called by `manage.py load_demo` as loader(site, stdout). Idempotent: pages are looked up by
slug, leaders and offices by name, the profile by site; nothing staff edited is overwritten.
The leaders' names are invented for the demo.
"""

from django.utils.html import escape

from benluc.text import strip_diacritics

from .models import Department, Leader, Page, Profile

LEVELS = {"tinh": ("tỉnh", "Province", "Provincial"), "xa": ("xã", "Commune", "Commune"),
          "phuong": ("phường", "Ward", "Ward")}
LEADERS = [
    ("Nguyễn Văn Hùng", "Chủ tịch UBND {level}", "Chairman of the {Level} People's Committee",
     "Phụ trách chung; trực tiếp chỉ đạo công tác tổ chức, cán bộ, tài chính và cải cách hành chính.",
     "Overall direction; personnel, finance and administrative reform."),
    ("Trần Thị Mai", "Phó Chủ tịch UBND {level}", "Vice Chairwoman of the {Level} People's Committee",
     "Phụ trách văn hóa – xã hội, giáo dục, y tế, lao động – thương binh và xã hội.",
     "Culture and society, education, health, labour and social affairs."),
    ("Lê Minh Tuấn", "Phó Chủ tịch UBND {level}", "Vice Chairman of the {Level} People's Committee",
     "Phụ trách kinh tế, nông nghiệp, xây dựng, giao thông, tài nguyên và môi trường.",
     "Economy, agriculture, construction, transport, natural resources and environment."),
]
DEPARTMENTS = [
    ("Văn phòng HĐND và UBND", "Office of the People's Council and People's Committee", "Phạm Văn Long – Chánh Văn phòng",
     "Tham mưu, tổng hợp; kiểm soát thủ tục hành chính; quản lý Bộ phận Một cửa.",
     "Advice and coordination; administrative procedures; the one-stop service desk.", "01"),
    ("Phòng Kinh tế", "Economic Division", "Võ Thị Thu – Trưởng phòng",
     "Nông nghiệp, công thương, xây dựng, giao thông và quy hoạch trên địa bàn.",
     "Agriculture, trade, construction, transport and planning.", "02"),
    ("Phòng Văn hóa – Xã hội", "Culture and Social Affairs Division", "Huỳnh Văn Phúc – Trưởng phòng",
     "Văn hóa, thông tin, giáo dục, y tế, lao động và chính sách xã hội.",
     "Culture, information, education, health, labour and social policy.", "03"),
    ("Trung tâm Phục vụ hành chính công", "Public Administrative Service Centre", "Đặng Thị Ngọc – Giám đốc",
     "Tiếp nhận hồ sơ, trả kết quả thủ tục hành chính cho người dân và doanh nghiệp.",
     "Receives applications and returns the results of administrative procedures.", "04"),
]


def _pages(site, level, Level, place_en):
    name = site.short_name
    return [
        ("chuc-nang-nhiem-vu", "Chức năng, nhiệm vụ", "Functions and tasks",
         f"<p>Ủy ban nhân dân {level} {name} là cơ quan hành chính nhà nước ở địa phương, chịu trách "
         f"nhiệm trước Hội đồng nhân dân cùng cấp và cơ quan hành chính cấp trên.</p>"
         "<h2>Nhiệm vụ chính</h2><ul><li>Tổ chức thi hành Hiến pháp, pháp luật trên địa bàn.</li>"
         "<li>Xây dựng, trình Hội đồng nhân dân kế hoạch phát triển kinh tế – xã hội, dự toán ngân sách.</li>"
         "<li>Giải quyết thủ tục hành chính, tiếp công dân, xử lý kiến nghị của người dân.</li></ul>",
         f"<p>The People's Committee of {escape(place_en)} {Level} is the local state administration. It answers "
         "to the People's Council and to the higher administrative authorities.</p>"
         "<ul><li>Implements the Constitution and the law locally.</li><li>Prepares development plans and "
         "the budget.</li><li>Handles administrative procedures and receives citizens.</li></ul>"),
        ("co-cau-to-chuc", "Cơ cấu tổ chức", "Organisational structure",
         f"<p>Ủy ban nhân dân {level} gồm Chủ tịch, các Phó Chủ tịch và các Ủy viên. Giúp việc có Văn phòng "
         "HĐND và UBND, các phòng chuyên môn và Trung tâm Phục vụ hành chính công.</p>",
         "<p>The Committee consists of a Chairman, Vice Chairpersons and members, supported by an Office, "
         "specialised divisions and a Public Administrative Service Centre.</p>"),
        ("lich-su-hinh-thanh", "Lịch sử hình thành", "",
         f"<p>Từ ngày 1/7/2025, chính quyền địa phương tổ chức theo hai cấp (tỉnh, xã). {escape(name)} là một "
         f"đơn vị hành chính cấp {level} của tỉnh Tây Ninh sau khi tỉnh Long An hợp nhất vào tỉnh Tây Ninh.</p>",
         ""),
        ("dieu-kien-tu-nhien-kinh-te-xa-hoi", "Điều kiện tự nhiên, kinh tế – xã hội", "",
         f"<p>{escape(name)} có hệ thống kênh rạch và đường giao thông thuận lợi, là vùng chuyển tiếp giữa "
         "Thành phố Hồ Chí Minh và đồng bằng sông Cửu Long. Kinh tế gồm công nghiệp, thương mại – dịch vụ "
         "và nông nghiệp ứng dụng công nghệ cao.</p>",
         ""),
    ]


def load_demo_organisation(site, stdout=None):
    level, Level, adjective = LEVELS.get(site.kind, LEVELS["xa"])
    place_en = strip_diacritics(site.short_name)  # "Ben Luc", as English texts write it
    Profile.objects.get_or_create(site=site, defaults={
        "intro": f"{site.agency or site.name} giới thiệu chức năng, nhiệm vụ, bộ máy và thông tin liên hệ "
                 "để người dân, doanh nghiệp tiện liên hệ công tác.",
        "office_hours": "Sáng 7h00–11h30, chiều 13h30–17h00, từ thứ Hai đến thứ Sáu",
        "name_en": f"People's Committee of {place_en} {Level}",
        "intro_en": f"This page presents the People's Committee of {place_en} {Level}, Tay Ninh "
                    "province: its functions, leaders, offices and contacts.",
        "address_en": f"Headquarters of the People's Committee, {place_en}, Tay Ninh province",
        "office_hours_en": "Monday to Friday, 7:00–11:30 and 13:30–17:00",
    })
    for position, (slug, title, title_en, body, body_en) in enumerate(_pages(site, level, Level, place_en)):
        Page.objects.get_or_create(site=site, slug=slug, defaults={
            "title": title, "title_en": title_en, "body": body, "body_en": body_en, "position": position,
        })
    for position, (name, title, title_en, duties, duties_en) in enumerate(LEADERS):
        Leader.objects.get_or_create(site=site, name=name, defaults={
            "title": title.format(level=level), "title_en": title_en.format(Level=adjective),
            "duties": duties, "duties_en": duties_en, "position": position,
            "phone": f"{site.phone[:-3] if site.phone else '0272 3870 '}1{position:02d}",
            "email": f"lanhdao{position + 1}@{site.slug}.tayninh.example",
        })
    for position, (name, name_en, head, tasks, tasks_en, ext) in enumerate(DEPARTMENTS):
        Department.objects.get_or_create(site=site, name=name, defaults={
            "name_en": name_en, "head": head, "tasks": tasks, "tasks_en": tasks_en, "position": position,
            "address": site.address, "phone": f"{site.phone[:-3] if site.phone else '0272 3870 '}0{ext}",
            "email": f"phong{ext}@{site.slug}.tayninh.example",
        })

"""Demo schedules: this week and next for every demo site.

Called by `manage.py load_demo` as loader(site, stdout). Idempotent: an entry is made only if
the site has none with the same day, time and content. Leaders are named by their office, as
the portals' schedules often do, so no real person is given an invented agenda.
"""

from datetime import time, timedelta

from articles.models import Event

from .models import ScheduleEntry
from .weeks import Week

# (weekday 0 = Monday, start, end, content, place, chair, attendees, preparer); {level} is
# "xã", "phường" or "tỉnh", {name} the place's name.
WEEK = [
    (0, time(7, 30), time(9), "Họp giao ban lãnh đạo UBND {level} đầu tuần",
     "Phòng họp UBND {level}", "Chủ tịch UBND {level}",
     "Các Phó Chủ tịch UBND {level}; Chánh Văn phòng HĐND và UBND", "Văn phòng HĐND và UBND"),
    (0, time(14), time(17), "Tiếp công dân định kỳ",
     "Trụ sở Tiếp công dân {name}", "Chủ tịch UBND {level}",
     "Thanh tra; công chức Tư pháp – Hộ tịch; công chức Địa chính", "Ban Tiếp công dân"),
    (1, time(8), time(11), "Làm việc với Đoàn kiểm tra công tác cải cách hành chính",
     "Phòng họp UBND {level}", "Phó Chủ tịch UBND {level} phụ trách văn hóa – xã hội",
     "Văn phòng HĐND và UBND; Bộ phận Một cửa", "Bộ phận Một cửa"),
    (2, time(7, 30), None, "Kiểm tra tiến độ các công trình giao thông nông thôn",
     "Các ấp, khu phố trên địa bàn", "Phó Chủ tịch UBND {level} phụ trách kinh tế",
     "Công chức Địa chính – Xây dựng; Trưởng các ấp, khu phố", "Phòng Kinh tế"),
    (3, time(14), time(16, 30), "Họp Ban Chỉ đạo chuyển đổi số và Đề án 06",
     "Phòng họp trực tuyến UBND {level}", "Chủ tịch UBND {level}",
     "Thành viên Ban Chỉ đạo; Công an {level}", "Công an {level}; Văn phòng HĐND và UBND"),
    (4, time(8), time(11), "Dự hội nghị trực tuyến sơ kết công tác Dân vận và thực hiện dân chủ ở cơ sở",
     "Điểm cầu UBND {level}", "Chủ tịch Ủy ban MTTQ Việt Nam {level}",
     "Ban Dân vận; các đoàn thể chính trị – xã hội", "Ủy ban MTTQ Việt Nam {level}"),
    (5, None, None, "Trực lãnh đạo ngày thứ Bảy", "Trụ sở UBND {level}", "Phó Chủ tịch UBND {level}",
     "", "Văn phòng HĐND và UBND"),
]
NEXT_WEEK = [
    (0, time(7, 30), time(9), "Họp giao ban lãnh đạo UBND {level} đầu tuần",
     "Phòng họp UBND {level}", "Chủ tịch UBND {level}",
     "Các Phó Chủ tịch UBND {level}; Chánh Văn phòng HĐND và UBND", "Văn phòng HĐND và UBND"),
    (1, time(8), time(11, 30), "Họp thường kỳ UBND {level} tháng này",
     "Hội trường UBND {level}", "Chủ tịch UBND {level}",
     "Thành viên UBND {level}; đại diện Thường trực HĐND", "Văn phòng HĐND và UBND"),
    (2, time(14), time(16), "Đối thoại với thanh niên về khởi nghiệp",
     "Hội trường Nhà văn hóa {name}", "Phó Chủ tịch UBND {level} phụ trách văn hóa – xã hội",
     "Đoàn Thanh niên; Hội Liên hiệp Phụ nữ; đại diện doanh nghiệp", "Đoàn Thanh niên"),
    (3, time(8), None, "Thăm và làm việc với hợp tác xã nông nghiệp",
     "Hợp tác xã trên địa bàn {name}", "Chủ tịch UBND {level}", "Phòng Kinh tế; Hội Nông dân",
     "Phòng Kinh tế"),
    (4, time(14), time(17), "Kiểm tra công tác phòng, chống thiên tai và bảo vệ đê bao",
     "Các tuyến đê bao ven sông", "Phó Chủ tịch UBND {level} phụ trách kinh tế",
     "Ban Chỉ huy Quân sự {level}; Ban Chỉ huy phòng, chống thiên tai", "Ban Chỉ huy Quân sự"),
]
LEVELS = {"tinh": "tỉnh", "xa": "xã", "phuong": "phường"}


def load_demo_schedule(site, stdout=None):
    level = LEVELS.get(site.kind, "xã")
    this_week = Week.current()
    # The site's next event (if any) is what Friday's conference produces: it gets the link.
    event = Event.objects.filter(site=site).upcoming().first()
    made = 0
    for week, rows in ((this_week, WEEK), (this_week.next, NEXT_WEEK)):
        if week is None:
            continue
        for weekday, start, end, content, place, chair, attendees, preparer in rows:
            fill = {"level": level, "name": site.short_name}
            content = content.format(**fill)
            day = week.monday + timedelta(days=weekday)
            if ScheduleEntry.objects.filter(site=site, date=day, starts_at=start, content=content).exists():
                continue
            ScheduleEntry.objects.create(
                site=site, date=day, starts_at=start, ends_at=end, content=content,
                place=place.format(**fill), chair=chair.format(**fill),
                attendees=attendees.format(**fill), preparer=preparer.format(**fill),
                event=event if (event and week == this_week and weekday == 4) else None,
            )
            made += 1
    if stdout is not None and made:
        stdout.write(f"  {site.short_name}: {made} mục lịch công tác")

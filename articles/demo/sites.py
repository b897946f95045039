"""The demo province: the portal of Tây Ninh and three of its communes and wards.

Since 1 July 2025 Long An is part of Tây Ninh and Bến Lức is a commune of it. Bến Lức's
newsroom keeps the archive written for it (articles/demo/content.py); the portal and the
other two sites get a smaller newsroom each, written for this project in plain Vietnamese.
Hosts: the portal answers on localhost and 127.0.0.1, each commune on <slug>.localhost
(browsers send *.localhost to 127.0.0.1).
"""

PORTAL = {
    "slug": "tinh", "short_name": "Tây Ninh", "kind": "tinh", "host": "localhost",
    "aliases": "127.0.0.1", "name": "Cổng thông tin điện tử tỉnh Tây Ninh",
    "tagline": "Tỉnh Tây Ninh · Việt Nam",
    "agency": "Ủy ban nhân dân tỉnh Tây Ninh",
    "address": "Trung tâm hành chính tỉnh Tây Ninh",
    "phone": "0276 3822 000", "email": "cttdt@tayninh.example",
    "responsible_person": "Chánh Văn phòng UBND tỉnh",
    "responsible_title": "Trưởng Ban biên tập Cổng thông tin điện tử tỉnh",
}

COMMUNES = [
    {
        "slug": "benluc", "short_name": "Bến Lức", "kind": "xa", "host": "benluc.localhost",
        "name": "Trang thông tin điện tử xã Bến Lức", "tagline": "Xã Bến Lức · Tỉnh Tây Ninh",
        "agency": "Ủy ban nhân dân xã Bến Lức", "address": "Trụ sở UBND xã Bến Lức, tỉnh Tây Ninh",
        "phone": "0272 3870 000", "email": "benluc@tayninh.example",
        "responsible_person": "Phó Chủ tịch UBND xã Bến Lức",
        "responsible_title": "Trưởng Ban biên tập",
    },
    {
        "slug": "myyen", "short_name": "Mỹ Yên", "kind": "xa", "host": "myyen.localhost",
        "name": "Trang thông tin điện tử xã Mỹ Yên", "tagline": "Xã Mỹ Yên · Tỉnh Tây Ninh",
        "agency": "Ủy ban nhân dân xã Mỹ Yên", "address": "Trụ sở UBND xã Mỹ Yên, tỉnh Tây Ninh",
        "phone": "0272 3871 000", "email": "myyen@tayninh.example",
        "responsible_person": "Phó Chủ tịch UBND xã Mỹ Yên", "responsible_title": "Trưởng Ban biên tập",
    },
    {
        "slug": "tanninh", "short_name": "Tân Ninh", "kind": "phuong", "host": "tanninh.localhost",
        "name": "Trang thông tin điện tử phường Tân Ninh", "tagline": "Phường Tân Ninh · Tỉnh Tây Ninh",
        "agency": "Ủy ban nhân dân phường Tân Ninh", "address": "Trụ sở UBND phường Tân Ninh, tỉnh Tây Ninh",
        "phone": "0276 3812 000", "email": "tanninh@tayninh.example",
        "responsible_person": "Phó Chủ tịch UBND phường Tân Ninh", "responsible_title": "Trưởng Ban biên tập",
    },
]

# Per site (not Bến Lức, which has content.py): sections, authors, events, articles.
# Events: key, name, kind, (day offsets from today: start, end), location, organiser.
# Articles: section slug, title, sapo, paragraphs, days ago (None: draft), author names, event key.
NEWSROOMS = {
    "tinh": {
        "sections": [
            ("Thời sự", "thoi-su", "Hoạt động của Tỉnh ủy, HĐND, UBND tỉnh."),
            ("Kinh tế", "kinh-te", "Đầu tư, sản xuất, hạ tầng trong tỉnh."),
            ("Văn hóa – Xã hội", "van-hoa-xa-hoi", "Giáo dục, y tế, an sinh, văn hóa."),
        ],
        "authors": [("Hoài Nam", "Phóng viên"), ("Thu Trang", "Biên tập viên")],
        "events": [
            ("hop-hdnd-tinh", "Kỳ họp thường lệ cuối năm của HĐND tỉnh Tây Ninh", "hop", (9, 11),
             "Hội trường HĐND tỉnh", "Thường trực HĐND tỉnh"),
            ("xuc-tien-dau-tu", "Hội nghị xúc tiến đầu tư tỉnh Tây Ninh", "hoi-nghi", (-40, -40),
             "Trung tâm hội nghị tỉnh", "UBND tỉnh Tây Ninh"),
        ],
        "articles": [
            ("thoi-su", "UBND tỉnh họp phiên thường kỳ tháng 11",
             "UBND tỉnh đánh giá tình hình kinh tế – xã hội tháng 11 và bàn các việc cần làm trong tháng cuối năm.",
             ["Các sở, ngành báo cáo tiến độ giải ngân vốn đầu tư công và thu ngân sách.",
              "Chủ tịch UBND tỉnh yêu cầu tập trung hoàn thành các chỉ tiêu năm, chăm lo Tết cho người dân."],
             3, ["Hoài Nam"], None),
            ("thoi-su", "Tỉnh hoàn thành sắp xếp bộ máy chính quyền hai cấp",
             "Sau một năm vận hành chính quyền hai cấp, các xã, phường mới đã ổn định tổ chức và phục vụ người dân tốt hơn.",
             ["Bộ phận một cửa cấp xã tiếp nhận phần lớn thủ tục hành chính trên môi trường mạng.",
              "Tỉnh tiếp tục bồi dưỡng cán bộ xã về chuyển đổi số và kỹ năng tiếp dân."],
             12, ["Thu Trang"], None),
            ("kinh-te", "Tây Ninh thu hút thêm nhiều dự án công nghiệp",
             "Các khu công nghiệp của tỉnh tiếp tục đón nhà đầu tư mới trong lĩnh vực chế biến và logistics.",
             ["Tỉnh rút ngắn thời gian giải quyết thủ tục đầu tư và hỗ trợ giải phóng mặt bằng.",
              "Nhiều doanh nghiệp cam kết tuyển dụng lao động địa phương."],
             38, ["Hoài Nam"], "xuc-tien-dau-tu"),
            ("van-hoa-xa-hoi", "Trao học bổng cho học sinh vượt khó học giỏi",
             "Quỹ khuyến học tỉnh trao hàng trăm suất học bổng cho học sinh có hoàn cảnh khó khăn.",
             ["Các em được nhận học bổng đều đạt thành tích tốt trong năm học vừa qua."],
             20, ["Thu Trang"], None),
            ("thoi-su", "Dự thảo kế hoạch chuyển đổi số năm tới",
             "Sở phụ trách đang hoàn thiện kế hoạch chuyển đổi số năm tới để trình UBND tỉnh.",
             ["Bản thảo đang được biên tập."], None, ["Hoài Nam"], None),
        ],
    },
    "myyen": {
        "sections": [
            ("Tin xã", "tin-xa", "Hoạt động của Đảng ủy, HĐND, UBND xã Mỹ Yên."),
            ("Nông nghiệp", "nong-nghiep", "Sản xuất lúa, rau màu, chăn nuôi."),
        ],
        "authors": [("Bảo Ngọc", "Cộng tác viên")],
        "events": [
            ("ra-quan-ve-sinh", "Ra quân vệ sinh môi trường cuối tuần", "phong-trao", (4, 4),
             "Các ấp trên địa bàn xã", "Đoàn Thanh niên xã Mỹ Yên"),
        ],
        "articles": [
            ("tin-xa", "Mỹ Yên tiếp xúc cử tri trước kỳ họp cuối năm",
             "Đại biểu HĐND xã lắng nghe ý kiến cử tri về đường giao thông nông thôn và nước sạch.",
             ["Cử tri đề nghị sớm nâng cấp tuyến đường liên ấp đã xuống cấp."], 5, ["Bảo Ngọc"], None),
            ("nong-nghiep", "Nông dân Mỹ Yên xuống giống vụ đông xuân",
             "Bà con gieo sạ đúng lịch thời vụ, sử dụng giống lúa chất lượng cao.",
             ["Cán bộ nông nghiệp hướng dẫn cách bón phân cân đối, tiết kiệm chi phí."], 9, ["Bảo Ngọc"], None),
            ("tin-xa", "Ra quân vệ sinh môi trường tại các ấp",
             "Đoàn viên, thanh niên cùng người dân dọn dẹp kênh mương, đường làng.",
             ["Hoạt động được duy trì vào sáng chủ nhật hằng tuần."], 2, ["Bảo Ngọc"], None),
        ],
    },
    "tanninh": {
        "sections": [
            ("Tin phường", "tin-phuong", "Hoạt động của chính quyền và các khu phố."),
            ("Đô thị", "do-thi", "Trật tự đô thị, cây xanh, chiếu sáng."),
        ],
        "authors": [("Minh Châu", "Phóng viên")],
        "events": [
            ("doi-thoai-khu-pho", "Đối thoại với người dân khu phố 2", "hop", (2, 2),
             "Nhà văn hóa khu phố 2", "UBND phường Tân Ninh"),
        ],
        "articles": [
            ("tin-phuong", "Phường Tân Ninh đối thoại với người dân",
             "Lãnh đạo phường trả lời trực tiếp các kiến nghị về trật tự đô thị và hồ sơ đất đai.",
             ["Nhiều kiến nghị được giải quyết ngay tại buổi đối thoại."], 6, ["Minh Châu"], None),
            ("do-thi", "Chỉnh trang vỉa hè các tuyến đường trung tâm",
             "Phường vận động hộ kinh doanh trả lại lối đi cho người đi bộ.",
             ["Lực lượng trật tự đô thị tăng cường kiểm tra vào giờ cao điểm."], 10, ["Minh Châu"], None),
        ],
    },
}

# Reader comments on the small newsrooms: (site slug, article title, name, text, status).
COMMENTS = [
    ("myyen", "Mỹ Yên tiếp xúc cử tri trước kỳ họp cuối năm", "Lê Văn Tư",
     "Mong xã sớm làm lại đoạn đường qua ấp 3, mùa mưa đi lại rất khó.", "approved"),
    ("myyen", "Nông dân Mỹ Yên xuống giống vụ đông xuân", "Trần Thị Mai",
     "Xin hỏi năm nay xã có hỗ trợ giống lúa cho hộ nghèo không?", "pending"),
    ("tanninh", "Phường Tân Ninh đối thoại với người dân", "Phạm Minh Khôi",
     "Buổi đối thoại rất thiết thực, mong phường tổ chức thường xuyên.", "approved"),
    ("tinh", "Trao học bổng cho học sinh vượt khó học giỏi", "Nguyễn Thanh Hà",
     "Cảm ơn các nhà hảo tâm đã đồng hành cùng các em học sinh.", "approved"),
]

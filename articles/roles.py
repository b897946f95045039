"""Newsroom roles, as auth groups created by migration articles.0002_roles."""

REPORTER = "Phóng viên"
EDITOR = "Biên tập viên"
MODERATOR = "Kiểm duyệt"
ANSWERER = "Trả lời hỏi đáp"  # created by questions.0002_roles

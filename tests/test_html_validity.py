"""Every public page passes the W3C Nu HTML checker (vnu-jar) with zero errors.

The pages are rendered with the test client, written to a temporary folder and
checked in one run of the checker (one JVM start for all of them). Java and the
jar are test requirements, not optional extras: `make test` installs both, so a
machine without them fails here instead of silently skipping the check.
"""

import json
import shutil
import subprocess
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template import loader
from django.urls import reverse
from django.utils import timezone

from articles.models import ArticleImage
from articles.views import ARTICLES_PER_PAGE
from tests.fixtures.photos import image_bytes

VNU_JAR = Path(settings.BASE_DIR) / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def _vnu_command():
    java = shutil.which("java")
    if java is None:
        pytest.fail("Java is missing: `make test` installs default-jre-headless for the Nu HTML checker.")
    if not VNU_JAR.exists():
        pytest.fail(f"{VNU_JAR} is missing: `make test` installs it (npm ci, package vnu-jar).")
    return [java, "-jar", str(VNU_JAR), "--errors-only", "--format", "json"]


@pytest.fixture
def newsroom(make_article, category, other_category, event, django_capture_on_commit_callbacks):
    """A section with two pages of articles, one report with photos, an author, an event."""
    for n in range(ARTICLES_PER_PAGE + 1):
        make_article(title=f"Tin ngắn số {n} về nông thôn mới", category=other_category)
    with django_capture_on_commit_callbacks(execute=True):  # builds the srcset renditions
        report = make_article(
            title="Bến Lức: Hội nghị đánh giá kết quả công tác Dân vận và Quy chế Dân chủ",
            sapo="Chiều 30/6/2022, Ban Dân vận Huyện ủy Bến Lức tổ chức hội nghị sơ kết 6 tháng.",
            category=category,
            event=event,
            authors=["Việt Hằng", "Kim Phượng"],
            cover=SimpleUploadedFile("bia.jpg", image_bytes(size=(1600, 900)), "image/jpeg"),
            cover_alt="Hội trường Huyện ủy nhìn từ cuối phòng",
            cover_caption="Hội trường Huyện ủy Bến Lức",
            publish_at=timezone.now() - timedelta(minutes=5),
        )
        photos = [
            ArticleImage.objects.create(
                article=report,
                image=SimpleUploadedFile(name, image_bytes(size=size), "image/jpeg"),
                caption=caption,
                alt=alt,
                position=position,
            )
            for position, (name, size, caption, alt) in enumerate(
                [
                    ("quang-canh.jpg", (1600, 1000), "Quang cảnh hội nghị",
                     "Đại biểu ngồi kín hội trường"),
                    ("phat-bieu.jpg", (1400, 1000), "Đồng chí Dương Văn Út phát biểu chỉ đạo",
                     "Người phát biểu đứng sau bục"),
                ]
            )
        ]
    report.body = (
        "<p>Sáu tháng đầu năm, công tác dân vận bám sát nhiệm vụ chính trị của huyện.</p>"
        + photos[0].figure_html()
        + "<h2>Quy chế dân chủ ở cơ sở</h2><p>Các cấp ủy tăng cường lãnh đạo, chỉ đạo.</p>"
        + "<table><tbody><tr><th>Chỉ tiêu</th><th>Kết quả</th></tr>"
        + "<tr><td>Mô hình dân vận khéo</td><td>124</td></tr></tbody></table>"
        + photos[1].figure_html()
        + '<p>Xem thêm <a href="https://longan.gov.vn/">Cổng thông tin tỉnh</a>.</p>'
    )
    report.save()
    make_article(title="Bến Lức tiếp xúc cử tri trước kỳ họp", category=category, event=event)
    report.refresh_from_db()
    return report


def _public_pages(client, report, more=None):
    category = report.category
    author = report.ordered_authors()[0]
    section_with_two_pages = reverse("articles:category", args=["thoi-su"])
    search = reverse("articles:search")
    pages = {
        "trang-chu": reverse("articles:home"),
        "chuyen-muc": category.get_absolute_url(),
        "chuyen-muc-trang-2": section_with_two_pages + "?trang=2",
        "bai-viet": report.get_absolute_url(),
        "tac-gia": author.get_absolute_url(),
        "su-kien": reverse("articles:events"),
        "su-kien-chi-tiet": report.event.get_absolute_url(),
        "tim-kiem-co-ket-qua": search + "?q=hoi+nghi+dan+van",
        "tim-kiem-khong-co-ket-qua": search + "?q=khong+co+bai+nao+nhu+vay",
        "tim-kiem-trong": search,
        "404": "/khong-co-trang-nay/",
        **(more or {}),
    }
    rendered = {}
    for name, url in pages.items():
        response = client.get(url)
        expected = 404 if name in ("404", "hoi-dap-khong-thay") else 200
        assert response.status_code == expected, f"{url} answered {response.status_code}"
        rendered[name] = response.content
    # The 500 page is rendered without context processors (see articles.views.server_error).
    rendered["500"] = loader.get_template("500.html").render({"SITE_NAME": settings.SITE_NAME}).encode()
    # So is the 503 page of a lost database connection (benluc/database.py).
    rendered["503"] = loader.get_template("503.html").render({"site_name": settings.SITE_NAME}).encode()
    return rendered


def test_public_pages_pass_the_nu_html_checker(client, newsroom, question_pages, views_recorded, tmp_path):
    command = _vnu_command()
    views_recorded()  # the home page's "Đọc nhiều" block
    pages = _public_pages(client, newsroom, question_pages)
    # The report really carries what makes the article page hard to get right.
    assert "Đọc nhiều" in pages["trang-chu"].decode()
    article_html = pages["bai-viet"].decode()
    assert "srcset=" in article_html and 'loading="lazy"' in article_html
    assert "<figcaption>Quang cảnh hội nghị</figcaption>" in article_html

    files = []
    for name, content in pages.items():
        path = tmp_path / f"{name}.html"
        path.write_bytes(content)
        files.append(str(path))
    result = subprocess.run(command + files, capture_output=True, text=True, timeout=300)
    # The checker writes its JSON report to stderr.
    report = json.loads(result.stderr or result.stdout or '{"messages": []}')
    problems = [
        f"{Path(m.get('url', '')).name}:{m.get('lastLine', '?')}:{m.get('firstColumn', '?')}: "
        f"{m['message']}\n    {m.get('extract', '').strip()}"
        for m in report["messages"]
        if m["type"] in ("error", "non-document-error")
    ]
    assert not problems, "Nu HTML checker errors:\n" + "\n".join(problems)
    assert result.returncode == 0, result.stderr

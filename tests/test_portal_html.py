"""The portal pages (work schedule, organisation and /en/, site map) pass the W3C Nu HTML checker.

One checker run (one JVM start) for all of them, as in test_html_validity.py.
"""

import json
import subprocess
from datetime import datetime, timedelta, timezone as dt_timezone
from pathlib import Path

import time_machine
from django.urls import reverse

from tests.test_html_validity import _vnu_command


def _check(tmp_path, pages):
    files = []
    for name, content in pages.items():
        path = tmp_path / f"{name}.html"
        path.write_bytes(content)
        files.append(str(path))
    result = subprocess.run(_vnu_command() + files, capture_output=True, text=True, timeout=300)
    report = json.loads(result.stderr or result.stdout or '{"messages": []}')
    problems = [
        f"{Path(m.get('url', '')).name}:{m.get('lastLine', '?')}:{m.get('firstColumn', '?')}: "
        f"{m['message']}\n    {m.get('extract', '').strip()}"
        for m in report["messages"] if m["type"] in ("error", "non-document-error")
    ]
    assert not problems, "Nu HTML checker errors:\n" + "\n".join(problems)
    assert result.returncode == 0, result.stderr


def test_portal_pages_pass_the_nu_html_checker(client, busy_week, organisation, tmp_path):
    week = reverse("schedule:week")
    urls = {
        "gioi-thieu": (reverse("organisation:overview"), 200),
        "gioi-thieu-trang": (organisation["tasks"].get_absolute_url(), 200),
        "gioi-thieu-lanh-dao": (reverse("organisation:leaders"), 200),
        "gioi-thieu-lien-he": (reverse("organisation:contacts"), 200),
        "en": (reverse("english"), 200),
        "so-do-trang": (reverse("sitemap_html:site_map"), 200),
        "lich-cong-tac": (week, 200),
        "lich-cong-tac-tuan-trong": (week + "?tuan=2030-W10", 200),
        "lich-cong-tac-tuan-sai": (week + "?tuan=2026-W99", 400),
    }
    pages = {}
    with time_machine.travel(datetime(2026, 12, 2, 10, tzinfo=dt_timezone(timedelta(hours=7))), tick=False):
        for name, (url, status) in urls.items():
            response = client.get(url)
            assert response.status_code == status, url
            pages[name] = response.content
    assert b"Tin b\xc3\xa0i v\xe1\xbb\x81 s\xe1\xbb\xb1 ki\xe1\xbb\x87n" in pages["lich-cong-tac"]  # the event link
    _check(tmp_path, pages)

"""The comment block and the comments page pass the W3C Nu HTML checker (vnu-jar).

The block is a fragment; it is checked where it ends up, inside the article
page's comment section. Only the comment section is checked here, in a minimal
document: the page chrome around it is tests/test_html_validity.py's business. Java and the jar are test requirements (`make test`
installs both), so a machine without them fails here rather than skipping.
"""

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse


def _vnu(files):
    java = shutil.which("java")
    jar = Path(settings.BASE_DIR) / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
    if java is None or not jar.exists():
        pytest.fail("The Nu HTML checker needs Java and node_modules/vnu-jar: run `make test`.")
    result = subprocess.run(
        [java, "-jar", str(jar), "--errors-only", "--format", "json", *map(str, files)],
        capture_output=True, text=True, timeout=300,
    )
    report = json.loads(result.stderr or result.stdout or '{"messages": []}')
    return [
        f"{Path(m.get('url', '')).name}:{m.get('lastLine', '?')}: {m['message']}\n    {m.get('extract', '').strip()}"
        for m in report["messages"]
        if m["type"] in ("error", "non-document-error")
    ]


def test_comment_pages_pass_the_nu_html_checker(client, article, make_comment, comment_data, tmp_path, editor):
    top = make_comment(body="Dòng một\nDòng hai <b>không in đậm</b>")
    make_comment(parent=top, body="Cảm ơn bạn.", name="Ban biên tập", is_staff_reply=True, user=editor)
    make_comment(body="Ý kiến thứ hai")
    page_url = reverse("comments:page", args=[article.pk])
    block_url = reverse("comments:block", args=[article.pk])

    def section(html):
        """The comment section of a page (the page chrome is checked by test_html_validity)."""
        begin = html.index('<section class="comments" id="y-kien"')
        return html[begin : html.index("</section>", begin) + len("</section>")]

    def document(body):
        return (
            '<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>Ý kiến</title>'
            f"</head><body><main>{body}</main></body></html>"
        )

    article_section = section(client.get(article.get_absolute_url()).content.decode())
    opening = article_section[: article_section.index(">") + 1]
    documents = {
        "bai-viet": document(article_section),
        "trang-y-kien": document(section(client.get(page_url).content.decode())),
        "trang-y-kien-tra-loi": document(section(client.get(page_url, {"tra-loi": top.pk}).content.decode())),
        "trang-y-kien-loi": document(section(client.post(page_url, comment_data(body="ạ" * 501, email="sai")).content.decode())),
    }
    for name, response in {
        "khoi-y-kien": client.get(block_url),
        "khoi-y-kien-da-gui": client.post(block_url, comment_data()),
        "khoi-y-kien-loi": client.post(block_url, comment_data(body="")),
    }.items():
        # What comments.js does: the fragment replaces the section's content.
        documents[name] = document(opening + response.content.decode() + "</section>")
    files = []
    for name, html in documents.items():
        path = tmp_path / f"{name}.html"
        path.write_text(html, encoding="utf-8")
        files.append(path)
    problems = _vnu(files)
    assert not problems, "Nu HTML checker errors:\n" + "\n".join(problems)

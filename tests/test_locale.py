"""Our Vietnamese catalogues: compiled without GNU gettext, and used by the admin."""

import gettext
import shutil

from django.urls import reverse
from django.utils import translation

from benluc import compile_locale


def test_catalogues_compile_in_pure_python(tmp_path):
    shutil.copytree(compile_locale.LOCALE_DIR, tmp_path / "locale")
    for mo in (tmp_path / "locale").glob("*/LC_MESSAGES/*.mo"):
        mo.unlink()
    written = compile_locale.compile_all(tmp_path / "locale")
    assert {p.name for p in written} == {"django.mo", "djangojs.mo"}
    catalogue = gettext.GNUTranslations(open(tmp_path / "locale/vi/LC_MESSAGES/django.mo", "rb"))
    assert catalogue.gettext("History") == "Lịch sử"
    assert catalogue.ngettext("Please correct the error below.", "Please correct the errors below.", 2) == \
        "Hãy sửa các lỗi bên dưới."
    assert compile_locale.compile_all(tmp_path / "locale") == []  # up to date: nothing to do


def test_django_and_packages_speak_vietnamese():
    with translation.override("vi"):
        assert translation.gettext("History") == "Lịch sử"
        assert translation.gettext("Show counts") == "Hiện số lượng"
        assert translation.gettext("access attempts") == "các lần thử đăng nhập"  # django-axes
        assert translation.gettext("Choose a date from the list below to revert to a previous version of "
                                   "this object.").startswith("Chọn một thời điểm")  # simple-history


def test_the_403_page_is_in_vietnamese(client, reporter):
    client.force_login(reporter)
    response = client.get(reverse("admin:comments_comment_changelist"))
    assert response.status_code == 403
    html = response.content.decode()
    assert "Không có quyền truy cập" in html and "Forbidden" not in html

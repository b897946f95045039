"""Addresses built from a pattern reversed once are those reverse() gives."""

import pytest
from django.urls import reverse, set_script_prefix

from benluc.links import link


@pytest.mark.parametrize("name, kwargs", [
    ("articles:article", {"category": "ben-luc", "slug": "hoi-nghi-so-ket-cong-tac-dan-van", "pk": 42}),
    ("articles:article", {"category": "thoi-su", "slug": "a", "pk": 1}),
    ("articles:category", {"slug": "ben-luc"}),
    ("articles:author", {"slug": "viet-hang"}),
    ("articles:event", {"slug": "hoi-nghi-dan-van-900000001", "pk": 7}),
    ("articles:community_article", {"slug": "tin-xa", "pk": 12345678901}),
    ("articles:article", {"category": "Đánh-giá", "slug": "bài", "pk": 3}),  # [-\w]+: quoted alike
])
def test_link_is_reverse(name, kwargs):
    assert link(name, **kwargs) == reverse(name, kwargs=kwargs)


def test_link_follows_the_script_prefix():
    try:
        set_script_prefix("/cong/")
        assert link("articles:category", slug="ben-luc") == "/cong/ben-luc/" == reverse(
            "articles:category", kwargs={"slug": "ben-luc"})
    finally:
        set_script_prefix("/")

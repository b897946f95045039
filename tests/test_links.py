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


def test_the_url_tag_gives_what_reverse_gives():
    """{% url %} (benluc/template_urls.py, kept per process) renders what Django's tag would."""
    from django.template import Context, Template
    from django.urls import NoReverseMatch

    template = Template(
        "{% url 'articles:category' slug %}|{% url 'articles:article' category='thoi-su' slug=s pk=pk %}|"
        "{% url 'khong-co' as missing %}[{{ missing }}]"
    )
    for slug, pk in (("ben-luc", 1), ("ben-luc", 2), ("thoi-su", 3)):
        assert template.render(Context({"slug": slug, "s": "bài", "pk": pk})) == "|".join([
            reverse("articles:category", args=[slug]),
            reverse("articles:article", kwargs={"category": "thoi-su", "slug": "bài", "pk": pk}),
            "[]",
        ])
    with pytest.raises(NoReverseMatch):
        Template("{% url 'khong-co' %}").render(Context())
    try:
        set_script_prefix("/cong/")
        assert Template("{% url 'articles:category' 'ben-luc' %}").render(Context()) == "/cong/ben-luc/"
    finally:
        set_script_prefix("/")
    assert Template("{% url 'articles:category' 'ben-luc' %}").render(Context()) == "/ben-luc/"


@pytest.mark.django_db
def test_the_url_tag_reads_a_model_argument_each_time(category):
    """An object's text (str(), what reverse() uses) may change: its address is never kept."""
    from django.template import Context, Template

    template = Template("{% url 'articles:category' category %}")
    category.name = "thoi-su"
    assert template.render(Context({"category": category})) == "/thoi-su/"
    category.name = "kinh-te"
    assert template.render(Context({"category": category})) == "/kinh-te/"


def test_the_url_tag_keeps_the_addresses_it_reversed():
    """The point of the tag: rendering the same address again does not call reverse()."""
    from django.template import Context, Template

    from benluc.template_urls import _reverse

    template = Template("{% url 'articles:feed' %}{% url 'articles:category' 'ben-luc' %}")
    template.render(Context())
    before = _reverse.cache_info()
    assert template.render(Context()) == reverse("articles:feed") + "/ben-luc/"
    after = _reverse.cache_info()
    assert (after.hits - before.hits, after.misses - before.misses) == (2, 0)

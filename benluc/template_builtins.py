"""Tags and filters every template has without `{% load %}` (settings.TEMPLATES "builtins").

Each is written in Python because a page's build time is mostly the template engine's cost
per node: an article page would otherwise spend a tenth of it on these.
"""

from django import template
from django.template.defaultfilters import date as date_filter, stringfilter
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.utils.timezone import template_localtime

register = template.Library()


@register.filter(is_safe=True)
@stringfilter
def truncatechars(value, arg):
    """Django's truncatechars, returning a short text as it is without walking it."""
    try:
        length = int(arg)
    except ValueError:  # invalid literal for int(): fail silently, as Django's does
        return value
    # Truncator counts characters after NFC normalisation, which never lengthens a text.
    return value if len(value) <= length else Truncator(value).chars(length)


@register.simple_tag(takes_context=True)
def dublin_core(context, dc_title="", dc_creator="", dc_date=None, dc_description="",
                dc_identifier="", dc_language="", dc_publisher=""):
    """Dublin Core metadata (DC-HTML) for a content page, as the portal criteria ask (Thông tư
    32/2017/TT-BTTTT), in the page's {% block head %}:

      dc_title        the page's title
      dc_creator      who wrote or issued it (byline, issuing body…); defaults to the site's agency
      dc_date         a date or datetime (shown as YYYY-MM-DD in Vietnam time); omitted if empty
      dc_description  a short summary (the title if empty), at most 300 characters
      dc_identifier   the canonical absolute URL
      dc_language     "vi" unless given (the English pages pass "en")
      dc_publisher    the site's name unless given (a commune's article on its portal)
    """
    site = context.get("site")
    tags = [
        ("DC.title", dc_title),
        ("DC.creator", dc_creator or (site and site.agency) or (site and site.name) or ""),
    ]
    if dc_date:
        tags.append(("DC.date", date_filter(template_localtime(dc_date), "Y-m-d")))  # as |date does
    tags += [
        ("DC.description", truncatechars(dc_description or dc_title, 300)),
        ("DC.publisher", dc_publisher or (site and site.name) or ""),
        ("DC.identifier", dc_identifier),
        ("DC.language", dc_language or "vi"),
        ("DC.type", "Text"),
    ]
    return mark_safe('<link rel="schema.DC" href="http://purl.org/dc/elements/1.1/">\n' + "\n".join(
        format_html('<meta name="{}" content="{}">', name, value) for name, value in tags
    ))

"""`{% url %}` with each address reversed once per process.

Django's tag calls `reverse()` on every render (about 30 µs); an article page has a dozen,
most of them the same on every page (the feed, the search form, the beacon). This library
is a template builtin (settings.TEMPLATES), so it stands in for Django's tag everywhere,
admin included, with the same syntax and output: an address is kept per view name, its
arguments (only plain strings and numbers: a model instance's text may change) and what
else `reverse()` depends on (URLconf, script prefix, language, current app).
"""

from functools import lru_cache

from django import template
from django.template import defaulttags
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse
from django.utils.html import conditional_escape
from django.utils.translation import get_language

register = template.Library()
PLAIN = (str, int)  # str subclasses included: a template's literals are SafeStrings


@lru_cache(maxsize=4096)
def _reverse(view_name, args, kwargs, current_app, urlconf, prefix, language):
    return reverse(view_name, args=args, kwargs=dict(kwargs), current_app=current_app, urlconf=urlconf)


class CachedURLNode(defaulttags.URLNode):
    def render(self, context):
        args = tuple(arg.resolve(context) for arg in self.args)
        kwargs = {k: v.resolve(context) for k, v in self.kwargs.items()}
        view_name = self.view_name.resolve(context)
        try:
            current_app = context.request.current_app
        except AttributeError:
            try:
                current_app = context.request.resolver_match.namespace
            except AttributeError:
                current_app = None
        url = ""
        try:
            if all(isinstance(value, PLAIN) for value in (view_name, *args, *kwargs.values())):
                url = _reverse(view_name, args, tuple(sorted(kwargs.items())), current_app,
                               get_urlconf(), get_script_prefix(), get_language())
            else:
                url = reverse(view_name, args=args, kwargs=kwargs, current_app=current_app)
        except NoReverseMatch:
            if self.asvar is None:
                raise
        if self.asvar:
            context[self.asvar] = url
            return ""
        return conditional_escape(url) if context.autoescape else url


@register.tag
def url(parser, token):
    """Django's `{% url %}` (same syntax), with the reversed address kept (see above)."""
    node = defaulttags.url(parser, token)
    return CachedURLNode(node.view_name, node.args, node.kwargs, node.asvar)

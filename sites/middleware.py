"""Which site a request is for: `request.site`, from the Host header."""

from django.http import Http404
from django.utils.functional import SimpleLazyObject

from .models import current_site

# Back office and files: the site is looked up only if something asks for it.
SITELESS_PREFIXES = ("/admin/", "/static/", "/media/")


class CurrentSiteMiddleware:
    """Sets `request.site`; a public page on a host no site claims is a 404."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        host = request.get_host()
        if request.path.startswith(SITELESS_PREFIXES):
            request.site = SimpleLazyObject(lambda: current_site(host))
        else:
            request.site = current_site(host)
            if request.site is None:
                raise Http404("Không có trang nào ở địa chỉ này.")
        return self.get_response(request)

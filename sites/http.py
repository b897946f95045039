"""The request as Django's feed and sitemap frameworks see it: at the site's own address."""


class AtSiteAddress:
    """Wraps a request so that Django builds absolute links from the site, not the Host header.

    Django's syndication and sitemap frameworks take the domain from the request (there is
    no django.contrib.sites here); a commune answering on an alias, or behind a port, must
    still link to its own address.
    """

    def __init__(self, request):
        self._request = request

    def __getattr__(self, name):
        return getattr(self._request, name)

    def get_host(self):
        return self._request.site.domain

    def is_secure(self):
        return self._request.site.base_url.startswith("https://")

    @property
    def scheme(self):
        return "https" if self.is_secure() else "http"

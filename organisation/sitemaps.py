"""The organisation's pages in the site's /sitemap.xml (sitemap-organisation.xml)."""

from django.urls import reverse

from articles.sitemaps import SiteSitemap

from .models import Page


class OrganisationSitemap(SiteSitemap):
    changefreq = "monthly"
    priority = 0.4

    def items(self):
        fixed = [(reverse(name), None) for name in (
            "organisation:overview", "organisation:leaders", "organisation:contacts", "english")]
        pages = Page.objects.public(self.site).only("slug", "updated_at")
        return fixed + [(page.get_absolute_url(), page.updated_at) for page in pages]

    def location(self, item):
        return item[0]

    def lastmod(self, item):
        return item[1]

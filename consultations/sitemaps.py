"""The drafts in the site's /sitemap.xml (registered in ConsultationsConfig.ready())."""

from articles.sitemaps import SiteSitemap


class DraftSitemap(SiteSitemap):
    changefreq = "daily"
    priority = 0.6
    limit = 5000

    def items(self):
        from .models import Draft

        return Draft.objects.published().for_site(self.site).only("pk", "slug", "updated_at").newest_first()

    def lastmod(self, item):
        return item.updated_at

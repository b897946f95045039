"""The documents in the site's /sitemap.xml (registered in DocumentsConfig.ready())."""

from articles.sitemaps import SiteSitemap


class DocumentSitemap(SiteSitemap):
    changefreq = "monthly"
    priority = 0.6
    limit = 5000

    def items(self):
        from .models import Document

        return Document.objects.published().for_site(self.site).only("pk", "number", "updated_at").newest_first()

    def lastmod(self, item):
        return item.updated_at

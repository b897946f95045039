"""Published answers in the site's /sitemap.xml (sitemap-questions.xml)."""

from articles.sitemaps import SiteSitemap

from .models import Question


class QuestionSitemap(SiteSitemap):
    changefreq = "monthly"
    priority = 0.5
    limit = 5000

    def items(self):
        return Question.objects.published().for_site(self.site).only("pk", "answered_at").order_by("-answered_at", "-pk")

    def lastmod(self, item):
        return item.answered_at

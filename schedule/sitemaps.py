"""The work schedule in the site's /sitemap.xml (sitemap-schedule.xml): this week's page."""

from django.urls import reverse

from articles.sitemaps import SiteSitemap

from .models import ScheduleEntry


class ScheduleSitemap(SiteSitemap):
    changefreq = "daily"
    priority = 0.5

    def items(self):
        # Only a site that keeps a schedule lists it; past weeks stay reachable from the page.
        return [reverse("schedule:week")] if ScheduleEntry.objects.filter(site=self.site).exists() else []

    def location(self, item):
        return item

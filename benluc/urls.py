from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.static import serve

from articles import sitemaps
from benluc.views import favicon, robots_txt
from organisation import views as organisation_views

urlpatterns = [
    path("admin/", admin.site.urls),
    path("robots.txt", robots_txt, name="robots"),
    # Browsers ask for /favicon.ico whatever the page says; point them at the real icon.
    path("favicon.ico", favicon),
    # An index of per-kind sitemaps, each paginated (?p=2…), so no article is left out.
    path("sitemap.xml", sitemaps.index, name="sitemap"),
    path("sitemap-news.xml", sitemaps.news_sitemap, name="news_sitemap"),
    path("sitemap-<section>.xml", sitemaps.section, name="sitemap_section"),
    path("binh-luan/", include("comments.urls")),
    path("lich-cong-tac/", include("schedule.urls")),
    path("hoi-dap/", include("questions.urls")),
    path("van-ban/", include("documents.urls")),
    path("du-thao/", include("consultations.urls")),
    path("ban-doc/", include("readership.urls")),
    path("gioi-thieu/", include("organisation.urls")),
    path("so-do-trang/", include("sitemap_html.urls")),
    path("en/", organisation_views.english, name="english"),
]

if settings.SERVE_MEDIA or settings.DEBUG:
    urlpatterns += [
        re_path(r"^media/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT}),
    ]

# Last: the section catch-all (/<category-slug>/...) must not shadow the above.
urlpatterns += [path("", include("articles.urls"))]

handler404 = "benluc.views.page_not_found"
handler500 = "benluc.views.server_error"

from django.urls import path, re_path

from search.views import search_view

from . import feeds, views

app_name = "articles"

urlpatterns = [
    path("", views.home, name="home"),
    path("rss/", feeds.LatestArticlesFeed(), name="feed"),
    path("tim-kiem/", search_view, name="search"),  # the search package (search/)
    path("tac-gia/<slug:slug>/", views.author_detail, name="author"),
    path("su-kien/", views.event_list, name="events"),
    path("su-kien/lich.ics", feeds.events_calendar, name="events_ics"),
    re_path(r"^su-kien/(?P<slug>[-\w]+)-(?P<pk>\d+)/$", views.event_detail, name="event"),
    path("tin-co-so/", views.community_news, name="community"),
    re_path(r"^tin-co-so/(?P<slug>[-\w]+)-(?P<pk>\d+)/$", views.community_article, name="community_article"),
    path("<slug:category>/rss/", feeds.CategoryFeed(), name="category_feed"),
    re_path(
        r"^(?P<category>[-\w]+)/(?P<slug>[-\w]+)-(?P<pk>\d+)/$",
        views.article_detail,
        name="article",
    ),
    path("<slug:slug>/", views.category_detail, name="category"),
]

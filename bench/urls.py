"""The site's URLs, plus the floors `make bench` measures our pages against."""

from django.urls import path

from benluc.urls import handler404, handler500, urlpatterns as site_urlpatterns  # noqa: F401

from . import views

urlpatterns = [
    path("__bench/floor/", views.floor),
    path("__bench/template-floor/", views.template_floor),
    *site_urlpatterns,
]

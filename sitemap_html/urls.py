from django.urls import path

from . import views

app_name = "sitemap_html"

urlpatterns = [path("", views.site_map, name="site_map")]

from django.urls import path

from . import views

app_name = "comments"

urlpatterns = [
    path("ma-gui/", views.token, name="token"),
    path("<int:article_id>/", views.page, name="page"),
    path("<int:article_id>/khoi/", views.block, name="block"),
]

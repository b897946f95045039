from django.urls import path

from . import views

app_name = "organisation"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("lanh-dao/", views.leaders, name="leaders"),
    path("lien-he/", views.contacts, name="contacts"),
    path("<slug:slug>/", views.page_detail, name="page"),
]

from django.urls import path, re_path

from . import views

app_name = "questions"

urlpatterns = [
    path("", views.question_list, name="list"),
    path("gui-cau-hoi/", views.ask, name="ask"),
    path("tra-cuu/", views.track, name="track"),
    re_path(r"^(?P<pk>[0-9]{1,18})/$", views.detail, name="detail"),
]

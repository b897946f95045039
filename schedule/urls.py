from django.urls import path

from . import views

app_name = "schedule"

urlpatterns = [
    path("", views.week_view, name="week"),
    path("lich.ics", views.calendar_feed, name="ics"),
]

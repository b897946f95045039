from django.urls import path

from . import views

app_name = "readership"

urlpatterns = [
    path("luot-xem/", views.beacon, name="beacon"),
    path("danh-gia/", views.rate, name="rate"),
]

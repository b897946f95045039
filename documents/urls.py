from django.urls import path, re_path

from . import views

app_name = "documents"

urlpatterns = [
    path("", views.document_list, name="list"),
    re_path(r"^tep/(?P<pk>\d{1,12})/(?P<slug>[-a-z0-9]{1,100})\.(?P<ext>pdf|docx|xlsx)$", views.attachment, name="file"),
    re_path(r"^(?P<slug>[-a-z0-9]{1,100})-(?P<pk>\d{1,12})/$", views.document_detail, name="detail"),
]

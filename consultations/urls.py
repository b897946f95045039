from django.urls import path, re_path

from . import views

app_name = "consultations"

urlpatterns = [
    path("", views.draft_list, name="list"),
    re_path(r"^tep/(?P<pk>\d{1,12})/(?P<slug>[-a-z0-9]{1,100})\.(?P<ext>pdf|docx|xlsx)$", views.attachment, name="file"),
    re_path(r"^(?P<slug>[-a-z0-9]{1,200})-(?P<pk>\d{1,12})/$", views.draft_detail, name="detail"),
    re_path(r"^(?P<slug>[-a-z0-9]{1,200})-(?P<pk>\d{1,12})/gop-y/$", views.comment_page, name="comment"),
]

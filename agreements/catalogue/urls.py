from django.urls import path

from . import views

urlpatterns = [
    path("", views.catalogue, name="catalogue"),
    path("unduh.<str:format>", views.catalogue_download, name="catalogue-download"),
]

from django.urls import path

from agreements import views

urlpatterns = [
    path("dokumen/<int:pk>/", views.agreement_document, name="agreement-document"),
    path("dokumen-kunjungan/<int:pk>/", views.visit_document, name="visit-document"),
    path("lampiran-laporan/<int:pk>/", views.report_attachment, name="report-attachment"),
]

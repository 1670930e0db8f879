from django.urls import path

from core.downloads import DocumentDownloadView
from reports.models import ReportAttachment

urlpatterns = [
    path(
        "lampiran-laporan/<int:pk>/",
        DocumentDownloadView.as_view(
            model=ReportAttachment, permission="reports.view_reportattachment", owner="report"
        ),
        name="report-attachment",
    ),
]

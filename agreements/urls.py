from django.urls import path

from agreements.models import AgreementDocument, VisitDocument
from core.downloads import DocumentDownloadView

urlpatterns = [
    path(
        "dokumen/<int:pk>/",
        DocumentDownloadView.as_view(
            model=AgreementDocument,
            permission="agreements.view_agreementdocument",
            owner="agreement",
        ),
        name="agreement-document",
    ),
    path(
        "dokumen-kunjungan/<int:pk>/",
        # Visits are the office's and the leaders': the permission alone decides.
        DocumentDownloadView.as_view(
            model=VisitDocument, permission="agreements.view_foreignvisit"
        ),
        name="visit-document",
    ),
]

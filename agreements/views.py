"""Downloads of uploaded files, only for users allowed to see the object they belong to.

Uploads are never served from a public media URL; each download goes through the same
``visible_to(user)`` rule as the admin lists.
"""

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404

from agreements.models import Agreement, AgreementDocument, VisitDocument
from reports.models import Report, ReportAttachment


def _download(file_field, filename):
    return FileResponse(file_field.open("rb"), as_attachment=True, filename=filename)


@login_required
def agreement_document(request, pk):
    visible = Agreement.objects.visible_to(request.user)
    document = get_object_or_404(AgreementDocument, pk=pk, agreement__in=visible)
    if not request.user.has_perm("agreements.view_agreementdocument"):
        raise Http404
    return _download(document.file, f"{document.agreement.code}-{document.pk}{_ext(document)}")


@login_required
def visit_document(request, pk):
    if not request.user.has_perm("agreements.view_foreignvisit"):
        raise Http404
    document = get_object_or_404(VisitDocument, pk=pk)
    return _download(document.file, f"kunjungan-{document.visit_id}-{document.pk}{_ext(document)}")


@login_required
def report_attachment(request, pk):
    visible = Report.objects.visible_to(request.user)
    attachment = get_object_or_404(ReportAttachment, pk=pk, report__in=visible)
    if not request.user.has_perm("reports.view_reportattachment"):
        raise Http404
    return _download(
        attachment.file, f"laporan-{attachment.report_id}-{attachment.pk}{_ext(attachment)}"
    )


def _ext(document):
    name = document.file.name
    return name[name.rfind(".") :] if "." in name else ""

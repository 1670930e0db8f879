"""Uploaded documents: what may be stored, where, and the fields every document has.

Files are checked by their content (the ``filetype`` library reads the magic bytes),
not by the name the uploader gave them, and are never served from a public URL: the
download view checks that the user may see the object first.
"""

import uuid
from pathlib import PurePath

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

ALLOWED_MIME_TYPES = {
    "application/pdf": "pdf",
    "image/jpeg": "jpg",
    "image/png": "png",
}


def validate_document(uploaded):
    """Refuse anything that is not a PDF, JPEG or PNG, or larger than the setting."""
    limit_mb = settings.DOCUMENT_MAX_UPLOAD_MB
    if uploaded.size is not None and uploaded.size > limit_mb * 1024 * 1024:
        raise ValidationError(
            _("The file is %(size).1f MB; at most %(limit)d MB is allowed.")
            % {"size": uploaded.size / 1024 / 1024, "limit": limit_mb}
        )
    position = uploaded.tell() if hasattr(uploaded, "tell") else None
    head = uploaded.read(262)
    if position is not None:
        uploaded.seek(position)
    kind = filetype.guess(head)
    if kind is None or kind.mime not in ALLOWED_MIME_TYPES:
        raise ValidationError(
            _("Only PDF, JPEG or PNG files are accepted; this file is %(kind)s.")
            % {"kind": kind.mime if kind else _("of an unknown type")}
        )


@deconstructible
class DocumentPath:
    """An upload path under ``folder`` (by default the document model's
    ``upload_folder``) with a random name and the original extension, so two uploads of
    "scan.pdf" never overwrite each other."""

    def __init__(self, folder=None):
        self.folder = folder

    def __call__(self, instance, filename):
        suffix = PurePath(filename).suffix.lower()[:10]
        folder = self.folder or instance.upload_folder
        return f"{folder}/{uuid.uuid4().hex}{suffix}"

    def __eq__(self, other):
        return isinstance(other, DocumentPath) and other.folder == self.folder


class Document(models.Model):
    """A checked upload belonging to an object (an agreement, a visit, a report).

    A concrete document names its ``upload_folder``, its foreign key to the object, the
    URL name of its download (``download_url_name``, served by
    ``core.downloads.DocumentDownloadView``) and the name a download gets
    (``download_stem``).
    """

    upload_folder = None
    download_url_name = None

    title = models.CharField(gettext_lazy("title"), max_length=255, blank=True)
    file = models.FileField(
        gettext_lazy("file"),
        upload_to=DocumentPath(),
        validators=[validate_document],
        help_text=gettext_lazy("PDF, JPEG or PNG."),
    )
    uploaded_at = models.DateTimeField(gettext_lazy("uploaded at"), auto_now_add=True)

    class Meta:
        abstract = True
        ordering = ["-uploaded_at"]

    def __str__(self):
        return self.title or self.file.name

    def get_absolute_url(self):
        return reverse(self.download_url_name, args=[self.pk])

    def download_stem(self):
        raise NotImplementedError

    def download_name(self):
        """The file name of a download: the stem and the stored file's extension."""
        name = self.file.name
        return self.download_stem() + (name[name.rfind(".") :] if "." in name else "")

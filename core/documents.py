"""Uploaded documents: what may be stored, and where.

Files are checked by their content (the ``filetype`` library reads the magic bytes),
not by the name the uploader gave them, and are never served from a public URL: the
download view checks that the user may see the object first.
"""

import uuid
from pathlib import PurePath

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext as _

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
    """An upload path under ``folder`` with a random name and the original extension,
    so two uploads of "scan.pdf" never overwrite each other."""

    def __init__(self, folder):
        self.folder = folder

    def __call__(self, instance, filename):
        suffix = PurePath(filename).suffix.lower()[:10]
        return f"{self.folder}/{uuid.uuid4().hex}{suffix}"

    def __eq__(self, other):
        return isinstance(other, DocumentPath) and other.folder == self.folder

"""Uploaded documents: what may be stored, where, the fields every document has, and
when the file goes away.

Files are checked by their content, not by the name the uploader gave them: the
``filetype`` library recognises PDF, JPEG or PNG by the first bytes, then the whole file
must be that type (pypdf parses a PDF with its cross-reference table and pages, and
nothing but white space may follow its last ``%%EOF``; Pillow decodes an image; no
web page or script markup may hide anywhere inside, see ``MARKUP``). The
stored name gets the extension of the detected type, never the uploader's, and files
are never served from a public URL: the download view checks that the user may see the
object first. A deleted (or replaced) document's file is removed once the transaction
commits, so a rolled-back delete keeps its file.
"""

import io
import re
import uuid

import filetype
import pypdf
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models.signals import post_delete, pre_save
from django.urls import reverse
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from PIL import Image

ALLOWED_MIME_TYPES = {
    "application/pdf": "pdf",
    "image/jpeg": "jpg",
    "image/png": "png",
}

PDF_END = b"%%EOF"
PNG_END = b"IEND\xaeB`\x82"

# Page markup or a script inside a document: a polyglot (a real PDF or JPEG with a web
# page or a PHP script hidden between its parts) is refused, whatever a viewer would
# make of it. Scans and photos are not expected to hold these byte sequences.
MARKUP = re.compile(rb"<\s*(?:!doctype|html|head|body|script|iframe|svg|\?php)\b", re.IGNORECASE)


def _read_all(uploaded):
    position = uploaded.tell() if hasattr(uploaded, "tell") else None
    uploaded.seek(0)
    data = uploaded.read()
    uploaded.seek(position or 0)
    return data


def detected_type(uploaded):
    """The MIME type of an allowed document recognised by its first bytes, or None."""
    position = uploaded.tell() if hasattr(uploaded, "tell") else None
    uploaded.seek(0)
    head = uploaded.read(262)
    uploaded.seek(position or 0)
    kind = filetype.guess(head)
    return kind.mime if kind is not None and kind.mime in ALLOWED_MIME_TYPES else None


def _is_whole_pdf(data):
    if not data.rstrip().endswith(PDF_END):
        return False  # something (HTML, a script) follows the document
    try:
        reader = pypdf.PdfReader(io.BytesIO(data), strict=False)
        for page in reader.pages:
            page.get_contents()
    except Exception:  # noqa: BLE001 - pypdf raises many kinds for a broken file
        return False
    return True


def _is_whole_image(data, mime):
    if mime == "image/png" and not data.endswith(PNG_END):
        return False
    try:
        with Image.open(io.BytesIO(data)) as image:
            image.verify()
        with Image.open(io.BytesIO(data)) as image:
            image.load()
    except Exception:  # noqa: BLE001 - Pillow raises many kinds for a broken file
        return False
    return True


def validate_document(uploaded):
    """Refuse anything that is not wholly a PDF, JPEG or PNG, or larger than the setting."""
    limit_mb = settings.DOCUMENT_MAX_UPLOAD_MB
    if uploaded.size is not None and uploaded.size > limit_mb * 1024 * 1024:
        raise ValidationError(
            _("The file is %(size).1f MB; at most %(limit)d MB is allowed.")
            % {"size": uploaded.size / 1024 / 1024, "limit": limit_mb}
        )
    mime = detected_type(uploaded)
    if mime is None:
        kind = filetype.guess(_read_all(uploaded)[:262])
        raise ValidationError(
            _("Only PDF, JPEG or PNG files are accepted; this file is %(kind)s.")
            % {"kind": kind.mime if kind else _("of an unknown type")}
        )
    data = _read_all(uploaded)
    whole = _is_whole_pdf(data) if mime == "application/pdf" else _is_whole_image(data, mime)
    if not whole or MARKUP.search(data):
        raise ValidationError(
            _("The file starts like a %(kind)s but is not one to its end: it was refused.")
            % {"kind": ALLOWED_MIME_TYPES[mime].upper()}
        )


@deconstructible
class DocumentPath:
    """An upload path under ``folder`` (by default the document model's
    ``upload_folder``) with a random name, so two uploads of "scan.pdf" never overwrite
    each other, and the extension of the detected type, never the uploader's."""

    def __init__(self, folder=None):
        self.folder = folder

    def __call__(self, instance, filename):
        mime = detected_type(instance.file.file)
        if mime is None:
            raise ValueError("Only checked documents are stored (validate_document).")
        folder = self.folder or instance.upload_folder
        return f"{folder}/{uuid.uuid4().hex}.{ALLOWED_MIME_TYPES[mime]}"

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


def _remove_after_commit(file_field):
    storage, name = file_field.storage, file_field.name
    if name:
        transaction.on_commit(lambda: storage.delete(name))


def _remove_deleted_file(sender, instance, **kwargs):
    _remove_after_commit(instance.file)


def _remove_replaced_file(sender, instance, raw=False, **kwargs):
    if raw or instance.pk is None or getattr(instance.file, "_committed", True):
        return
    stored = sender._default_manager.filter(pk=instance.pk).values_list("file", flat=True).first()
    if stored and stored != instance.file.name:
        _remove_after_commit(type(instance.file)(instance, instance.file.field, stored))


def remove_files_with_rows(models_):
    """Delete a document's file from the storage when its row is deleted or its file
    replaced (after the transaction commits), for every concrete Document model."""
    for model in models_:
        if not issubclass(model, Document) or model._meta.abstract:
            continue
        uid = f"remove-files-{model._meta.label_lower}"
        post_delete.connect(_remove_deleted_file, sender=model, dispatch_uid=f"{uid}-delete")
        pre_save.connect(_remove_replaced_file, sender=model, dispatch_uid=f"{uid}-replace")

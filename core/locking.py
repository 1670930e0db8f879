"""Optimistic locking: a save made from a stale copy of a row is refused, never silent.

A ``VersionedModel`` carries a ``version`` number. Every save is a conditional
``UPDATE … SET version = version + 1 WHERE id = … AND version = <the version this copy
was read at>``; when another save came first no row matches and ``StaleVersionError``
is raised instead of overwriting it. The admin form carries the version the clerk
opened in a hidden field (``VersionedModelForm``) and refuses a stale save with a
message naming who changed what since (``changes_since``, read from the history), the
clerk's input left on the page; the admin's import remembers the versions it showed in
the preview and refuses a row whose object changed before the confirmation
(``core.spreadsheets``). The history keeps the version of each entry, which is how
"since" is found; it is left out of every comparison of entries. See README "Two clerks,
one record".
"""

from django import forms
from django.contrib import messages
from django.db import connection, models, router, transaction
from django.http import HttpResponseRedirect
from django.utils import formats, timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from simple_history.models import HistoricalChanges, HistoricalRecords

VERSION_FIELD = "version"


class StaleVersionError(Exception):
    """Another save changed the row since this copy of it was read.

    ``changes`` says who changed what since (``changes_since``), read when the save was
    refused: the savepoint of the refused save is rolled back before anyone catches it.
    """

    def __init__(self, instance, changes):
        label, pk, version = instance._meta.label, instance.pk, instance.version
        super().__init__(f"{label} {pk} changed since version {version}")
        self.instance = instance
        self.changes = changes


class VersionedModel(models.Model):
    version = models.PositiveIntegerField(gettext_lazy("version"), default=1, editable=False)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        # In a savepoint: a refused save rolls back only itself, and the transaction
        # stays usable afterwards (Django marks a whole transaction for rollback when a
        # save raises inside it), e.g. for an import's next rows.
        with transaction.atomic(using=kwargs.get("using") or router.db_for_write(type(self))):
            super().save(*args, **kwargs)

    def _do_update(self, base_qs, using, pk_val, values, update_fields, forced_update):
        read_at = self.version
        field = self._meta.get_field(VERSION_FIELD)
        values = [(f, model, value) for f, model, value in values if f is not field]
        values.append((field, None, read_at + 1))
        updated = super()._do_update(
            base_qs.filter(version=read_at), using, pk_val, values, update_fields, forced_update
        )
        if updated:
            self.version = read_at + 1
        elif base_qs.filter(pk=pk_val).exists():
            raise StaleVersionError(self, changes_since(self, read_at))
        return updated


class VersionBlindChanges(HistoricalChanges):
    """History entries compared without their version: saving a form unchanged is no
    change, and the history page does not list version numbers."""

    def diff_against(self, old_history, excluded_fields=None, **kwargs):
        excluded = {*(excluded_fields or ()), VERSION_FIELD}
        return super().diff_against(old_history, excluded_fields=excluded, **kwargs)


class VersionedHistoricalRecords(HistoricalRecords):
    """HistoricalRecords for a VersionedModel (see VersionBlindChanges)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.bases = (VersionBlindChanges, *self.bases[1:])


def current_version(model, pk):
    """The stored version, read with a row lock inside a transaction (PostgreSQL), so
    no other save slips in between this check and the save that follows."""
    rows = model._default_manager.filter(pk=pk)
    if connection.in_atomic_block and connection.features.has_select_for_update:
        rows = rows.select_for_update()
    return rows.values_list(VERSION_FIELD, flat=True).first()


def changes_since(instance, version):
    """'<who> changed <what> on <when>' for every history entry of ``instance`` after
    ``version`` (None: since it was created), joined in one sentence."""
    history = getattr(instance, instance._meta.simple_history_manager_attribute, None)
    entries = []
    if history is not None:
        records = history.order_by("history_date", "history_id")
        if version is not None:
            earlier = records.filter(version__lte=version).last()
            records = records.filter(version__gt=version)
        else:
            earlier = None
        for record in records.select_related("history_user"):
            entries.append(_describe(instance, record, earlier))
            earlier = record
    if not entries:
        return _("someone else saved it in the meantime")
    return "; ".join(entries)


def _describe(instance, record, earlier):
    user = record.history_user
    who = (user.get_full_name() or user.get_username()) if user is not None else _("someone")
    when = formats.date_format(timezone.localtime(record.history_date), "DATETIME_FORMAT")
    if earlier is None:
        return _("%(who)s created it on %(when)s") % {"who": who, "when": when}
    names = []
    for change in record.diff_against(earlier).changes:
        try:
            names.append(str(capfirst(instance._meta.get_field(change.field).verbose_name)))
        except Exception:  # noqa: BLE001 - a field removed since the entry was written
            names.append(change.field)
    # An entry without a changed field of its own names the rows changed for it
    # (``ParentVersionAdminMixin``).
    what = ", ".join(names) if names else (record.history_change_reason or _("nothing visible"))
    return _("%(who)s changed %(what)s on %(when)s") % {"who": who, "what": what, "when": when}


def stale_message(instance, version, changes=None):
    return _(
        "This record was changed after you opened it: %(changes)s. Your input is kept "
        "below; compare it with the changes, then save again."
    ) % {"changes": changes if changes is not None else changes_since(instance, version)}


class VersionedModelForm(forms.ModelForm):
    """A model form that refuses to save over changes made since it was opened.

    The version it was opened at travels in the hidden ``opened_version`` field; a
    stale form is refused with ``stale_message`` and its hidden version moved to the
    current one, so that the clerk, having checked the changes, can save again.
    """

    opened_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    #: The message of a save the database refused (``VersionedAdminMixin``): the form
    #: built again for the same POST is refused with it, whatever the row holds now.
    stale_refusal = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            self.initial["opened_version"] = self.instance.version

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk is None:
            return cleaned
        if self.stale_refusal is not None:
            self._refuse(current_version(type(self.instance), self.instance.pk))
        opened = cleaned.get("opened_version")
        if opened is None:
            return cleaned
        current = current_version(type(self.instance), self.instance.pk)
        if current is not None and current != opened:
            self._refuse(current, opened)
        # The save's conditional UPDATE checks against what the clerk saw.
        self.instance.version = opened
        return cleaned

    def _refuse(self, current, opened=None):
        if current is not None:
            self.data = self.data.copy()
            self.data[self.add_prefix("opened_version")] = current
        message = self.stale_refusal or stale_message(self.instance, opened)
        raise forms.ValidationError(message, code="stale")


class VersionedAdminMixin:
    """Renders a VersionedModelForm's hidden version on the change page. Two saves
    racing past the form's check meet the conditional UPDATE: the later one's
    transaction is rolled back and its form shown again, refused like a stale form,
    with the changes since and the clerk's input on the page."""

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except StaleVersionError as error:
            message = stale_message(error.instance, error.instance.version, error.changes)
            if request.method != "POST" or getattr(request, "stale_refusal", None):
                messages.error(request, message)
                return HttpResponseRedirect(request.get_full_path())
            # The same POST once more, its form refused with this message (get_form):
            # the page is built as for any invalid form, nothing typed is lost.
            request.stale_refusal = message
            return super().changeform_view(request, object_id, form_url, extra_context)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        refusal = getattr(request, "stale_refusal", None)
        if refusal is None or not issubclass(form, VersionedModelForm):
            return form
        return type(form.__name__, (form,), {"stale_refusal": refusal})

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        form_fields = getattr(self.form, "base_fields", {})
        if obj is None or "opened_version" not in form_fields:
            return fieldsets
        if not self.has_change_permission(request, obj):
            return fieldsets
        if any("opened_version" in options.get("fields", ()) for _name, options in fieldsets):
            return fieldsets
        (name, options), *rest = fieldsets
        return [(name, {**options, "fields": [*options["fields"], "opened_version"]}), *rest]


def record_change_of_rows(model, pks, user, reason):
    """Rows shown inline on the form of the ``model`` objects ``pks`` were changed on
    their own pages: each object's version moves on, with a history entry by ``user``
    giving ``reason`` (which rows), so that a form of it opened before is refused
    instead of writing its old copy of those rows back."""
    pks = {pk for pk in pks if pk is not None}
    if not pks or not issubclass(model, VersionedModel):
        return
    with transaction.atomic(using=router.db_for_write(model)):
        objects = model._default_manager.filter(pk__in=pks)
        if connection.features.has_select_for_update:
            objects = objects.select_for_update()
        for obj in objects:
            obj._history_user = user
            obj._change_reason = reason
            obj.save()


class ParentVersionAdminMixin:
    """For the own pages of rows that a versioned parent's form lists inline (an
    agreement's documents, a report's attachments; ``parent_field`` names the parent):
    adding, changing, moving or deleting one moves the parent's version on
    (``record_change_of_rows``)."""

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        attname = self.model._meta.get_field(self.parent_field).attname
        # A row moved to another parent changes both.
        self._record_change(request, {getattr(obj, attname), form.initial.get(self.parent_field)})

    def delete_model(self, request, obj):
        attname = self.model._meta.get_field(self.parent_field).attname
        parent = getattr(obj, attname)
        super().delete_model(request, obj)
        self._record_change(request, {parent})

    def delete_queryset(self, request, queryset):
        attname = self.model._meta.get_field(self.parent_field).attname
        parents = set(queryset.values_list(attname, flat=True))
        super().delete_queryset(request, queryset)
        self._record_change(request, parents)

    def _record_change(self, request, pks):
        parent_model = self.model._meta.get_field(self.parent_field).related_model
        reason = str(capfirst(self.model._meta.verbose_name_plural))
        record_change_of_rows(parent_model, pks, request.user, reason)

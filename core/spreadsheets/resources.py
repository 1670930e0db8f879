"""The base of every resource of the register (README, "Spreadsheets").

What all four resources share: headers checked before any row is read (unknown,
repeated, missing required columns; case and spacing ignored; the read-only export
columns accepted and dropped), a row that repeats another row's identity refused,
blank rows skipped, unchanged rows skipped by a comparison that understands dates,
decimals and many-to-many lists (so that re-importing an export writes nothing), the
importing user recorded in the history, validation errors put in their column, and
(for versioned models, core.locking) a confirmed row refused when its object
changed after the preview that showed it.
"""

import contextlib
import copy

from diff_match_patch import diff_match_patch
from django.core.exceptions import NON_FIELD_ERRORS, FieldDoesNotExist, ValidationError
from django.db.models import DateField, Q, prefetch_related_objects
from django.utils.encoding import force_str
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from import_export import resources
from import_export.resources import Diff
from import_export.results import Error
from import_export.widgets import ManyToManyWidget

from core.history import one_history_entry, stored_links
from core.history_display import readable_value
from core.locking import VERSION_FIELD, StaleVersionError, changes_since
from core.money import is_money_field
from core.naming import normalize_name
from core.spreadsheets.importing import FIRST_DATA_ROW, Problem, ProblemError
from core.spreadsheets.widgets import NewObjects, ReferenceWidget, closest, is_blank


def same_value(new, old):
    """Whether a cell leaves a stored value as it is. Line ends are compared normalised:
    a text typed in an admin textarea (CR LF) comes back from xlsx with LF only."""
    if isinstance(new, str) and isinstance(old, str):
        return _line_ends(new) == _line_ends(old)
    return new == old


def _line_ends(text):
    return text.replace("\r\n", "\n").replace("\r", "\n")


class SpreadsheetResource(resources.ModelResource):
    #: Columns that must be in every imported file.
    required_headers = ()
    #: Columns an export adds (computed); an import accepts and ignores them.
    export_only_headers = ()
    #: The column holding a row's identity, where a repeated identity is reported.
    identity_header = None
    #: Model fields that the spreadsheet does not carry and validation must not check.
    clean_exclude = ()
    #: Many-to-many fields that need at least one value.
    required_m2m = ()
    #: The blank template's example row, by header. Choice and yes/no columns hold model
    #: values (written the way an export writes them); other cells are written as they are.
    template_example = {}
    #: Lookup models small and public enough to list in full in the blank template.
    listed_lookups = ()
    #: New objects are written together once every row has been read and checked: one
    #: ``bulk_create`` per batch of objects, of links and of history entries, instead
    #: of a dozen queries per row. The model's ``save()`` does not run for them, so a
    #: resource that sets this supplies what its ``save()`` would add in
    #: ``prepare_new()``; the file's later rows find the new objects through
    #: ``pending_objects`` (see the README, "Spreadsheets").
    bulk_new_rows = False
    #: Objects per insert when writing new rows together.
    bulk_batch_size = 500
    #: Relations a preview shows for a row that changes an object, read with the object
    #: (``prefetch_related_objects``) instead of once for each side of the row's diff.
    preview_prefetch = ()

    class Meta:
        skip_unchanged = True
        report_skipped = True
        clean_model_instances = True
        use_transactions = True

    def __init__(self, user=None, **kwargs):
        super().__init__(**kwargs)
        # This run's own options: only a preview renders each row's changes (skip_diff).
        self._meta = copy.copy(self._meta)
        self._meta.skip_diff = True
        self._original = None
        self._stored_links = {}
        self._cells_as_stored = None
        self.user = user
        self._row_number = None
        self._rows_by_identity = {}
        self._rows_by_pk = {}
        self._m2m_values = {}
        #: New objects of the run not written yet (bulk_new_rows), in row order.
        self.pending_objects = []
        self._pending_links = []
        self._new_objects = []
        #: Spreadsheet row number → version of the row's object (None: a new object),
        #: as this run saw them; the admin keeps those of the preview for its confirm.
        self.seen_versions = {}
        #: The preview's ``seen_versions`` when confirming (keys as strings), or None.
        self.expected_versions = None

    # --- Headers ------------------------------------------------------------------

    def get_import_fields(self):
        return [
            field
            for field in super().get_import_fields()
            if field.column_name not in self.export_only_headers
        ]

    def import_headers(self):
        return [field.column_name for field in self.get_import_fields()]

    def check_headers(self, dataset):
        """Problems of the header row; without any, rename the headers to their exact
        spelling and drop blank and export-only columns."""
        known = {normalize_name(name): name for name in self.import_headers()}
        export_only = {normalize_name(name): name for name in self.export_only_headers}
        problems, renamed, seen = [], [], set()
        for header in dataset.headers or []:
            key = normalize_name(str(header or "").strip("[] "))
            name = known.get(key) or export_only.get(key)
            if not key:
                renamed.append(None)
            elif name is None:
                suggestion = closest(header, self.import_headers())
                message = (
                    _("Unknown column. Did you mean “%(suggestion)s”?") % {"suggestion": suggestion}
                    if suggestion
                    else _("Unknown column. The columns are: %(columns)s.")
                    % {"columns": ", ".join(self.import_headers())}
                )
                problems.append(Problem(1, str(header), message))
            elif name in seen:
                problems.append(Problem(1, name, _("This column appears twice.")))
            else:
                seen.add(name)
                renamed.append(name if key in known else None)
        for name in self.required_headers:
            if name not in seen:
                problems.append(Problem(1, name, _("This required column is missing.")))
        if not problems:
            self._keep_columns(dataset, renamed)
        return problems

    @staticmethod
    def _keep_columns(dataset, names):
        dropped = [f"\0dropped{index}" for index in range(len(names))]
        dataset.headers = [name or dropped[index] for index, name in enumerate(names)]
        for index, name in enumerate(names):
            if name is None:
                del dataset[dropped[index]]

    # --- The import run -------------------------------------------------------------

    def import_data(self, dataset, dry_run=False, raise_errors=False, **kwargs):
        """Always in a transaction that validation errors roll back too."""
        kwargs["use_transactions"] = True
        kwargs["rollback_on_validation_errors"] = True
        if kwargs.get("user") is not None:
            self.user = kwargs["user"]
        # Rendering a row's changes costs more than importing it: only for a preview.
        self._meta.skip_diff = not kwargs.pop("show_changes", False)
        expected = kwargs.pop("expected_versions", None)
        if expected is not None:
            self.expected_versions = expected
        problems = self.check_headers(dataset)
        if problems:
            result = self.get_result_class()()
            result.diff_headers = self.get_diff_headers()
            for problem in problems:
                result.append_base_error(Error(ProblemError(problem)))
            return result
        self._rows_by_identity, self._rows_by_pk, self.seen_versions = {}, {}, {}
        self.pending_objects, self._pending_links = [], []
        self._new_objects = []
        if self.bulk_new_rows:
            for field in self.fields.values():
                widget = field.widget
                if isinstance(widget, ReferenceWidget) and widget.model is self._meta.model:
                    widget.new_objects = NewObjects(widget.keys)
                    self._new_objects.append(widget.new_objects)
        result = super().import_data(dataset, dry_run=dry_run, raise_errors=raise_errors, **kwargs)
        result.seen_versions = self.seen_versions
        return result

    def import_row(self, row, instance_loader, **kwargs):
        if all(is_blank(value) for value in row.values()):
            # Not counted, not shown: an empty row is no object at all.
            row_result = self.get_row_result_class()()
            row_result.diff = ["" for _header in self.get_diff_headers()]
            return row_result
        return super().import_row(row, instance_loader, **kwargs)

    def before_import_row(self, row, **kwargs):
        self._row_number = kwargs.get("row_number", 0) + FIRST_DATA_ROW - 1
        self._m2m_values = {}
        identity = self.row_identity(row)
        if identity is not None:
            first = self._rows_by_identity.setdefault(identity, self._row_number)
            if first != self._row_number:
                self._raise_repeated(identity[0], row.get(identity[0], ""), first)

    def row_identity(self, row):
        """``(column, key)`` of the object the row is about as written, or None (new)."""
        return None

    def _check_unchanged_since_preview(self, instance, new, row):
        if not any(field.name == VERSION_FIELD for field in self._meta.model._meta.fields):
            return
        version = None if new else instance.version
        self.seen_versions[self._row_number] = version
        if self.expected_versions is None or str(self._row_number) not in self.expected_versions:
            return
        previewed = self.expected_versions[str(self._row_number)]
        if previewed == version:
            return
        identity = self.row_identity(row)
        column = identity[0] if identity else self.identity_header
        raise ValidationError(
            {
                self._attribute_of(column): _(
                    "Changed after the preview: %(changes)s. Upload the file again to "
                    "see the preview of what it would change now."
                )
                % {"changes": changes_since(instance, previewed)}
            }
        )

    def _raise_repeated(self, column, value, first_row):
        raise ValidationError(
            {
                self._attribute_of(column): _(
                    "“%(value)s” is already in row %(row)d: each may appear only once in a file."
                )
                % {"value": value, "row": first_row}
            }
        )

    def _attribute_of(self, column_name):
        for field in self.fields.values():
            if field.column_name == column_name:
                return field.attribute
        return "__all__"

    def get_or_init_instance(self, instance_loader, row):
        instance, new = super().get_or_init_instance(instance_loader, row)
        self._cells_as_stored = None
        if not new and not self._meta.skip_diff:
            # The "before" side of the row's preview, read now from the object itself:
            # django-import-export's copy of it would drop the prefetched links (a
            # copied queryset loses its rows). The "after" side reads them from the same
            # object; writing links drops their relation's prefetched objects (Django's
            # set(), Agreement.set_units), so it reads again only what the row changed.
            prefetch_related_objects([instance], *self.preview_prefetch)
            self._cells_as_stored = PreviewDiff.cells(self, instance)
        # skip_row compares with the object as stored, which django-import-export keeps
        # only when it renders the row's changes.
        self._original = copy.deepcopy(instance) if not new and self._meta.skip_diff else None
        self._stored_links = {}
        self._check_unchanged_since_preview(instance, new, row)
        if not new:
            # Also catches one object written two ways (by its Kode and by its Nomor).
            first = self._rows_by_pk.setdefault(instance.pk, self._row_number)
            if first != self._row_number:
                identity = self.row_identity(row)
                column = identity[0] if identity else self.identity_header
                self._raise_repeated(column, row.get(column, ""), first)
        return instance, new

    def import_instance(self, instance, row, **kwargs):
        """Plain fields as usual; many-to-many cells read here too, so that their
        errors are reported with the row's others and ``skip_row`` can compare them."""
        errors = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        for field in self.get_import_fields():
            if (
                not isinstance(field.widget, ManyToManyWidget)
                or field.readonly
                or field.column_name not in row
            ):
                continue
            try:
                values = field.clean(row)
            except ValueError as error:
                errors.setdefault(field.attribute, []).append(ValidationError(str(error)))
                continue
            if not values and field.attribute in self.required_m2m:
                errors.setdefault(field.attribute, []).append(
                    ValidationError(_("At least one is required."))
                )
            self._m2m_values[field.attribute] = values
        if errors:
            raise ValidationError(errors)

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        errors = dict(import_validation_errors or {})
        exclude = {*errors, *self.clean_exclude}
        try:
            instance.full_clean(
                exclude=exclude, validate_unique=validate_unique, validate_constraints=False
            )
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        if self.constraints_to_check(instance):
            # As full_clean would: only the fields that passed their own checks.
            exclude |= set(errors) - {NON_FIELD_ERRORS}
            exclude |= untouched_constraint_fields(instance, self._original)
            try:
                instance.validate_constraints(exclude=exclude)
            except ValidationError as error:
                errors = error.update_error_dict(errors)
        if errors:
            raise ValidationError(errors)

    def constraints_to_check(self, instance):
        """Whether validation checks the model's constraints (a query each) for this row."""
        return True

    def skip_row(self, instance, original, row, import_validation_errors=None):
        """Skip a row that changes nothing, so a re-imported export writes nothing."""
        # The object as stored: django-import-export's copy when it renders the row's
        # changes, else ours; validate_instance compares with it too.
        original = self._original = original if original is not None else self._original
        if import_validation_errors or original is None or original.pk is None:
            return False
        for field in self.get_import_fields():
            if field.readonly or field.column_name not in row:
                continue
            if isinstance(field.widget, ManyToManyWidget):
                if self.m2m_differs(original, field.attribute, self._m2m_values[field.attribute]):
                    return False
            elif not same_value(field.get_value(instance), field.get_value(original)):
                return False
        return True

    def m2m_differs(self, original, attribute, values):
        """Whether ``values`` change the stored links (``skip_row``'s comparison)."""
        target = _link_sides(self._meta.model, attribute)[2]
        current = {link[target] for link in self.stored_links(original, attribute)}
        return current != {obj.pk for obj in values}

    def m2m_needs_set(self, instance, attribute, values):
        """Whether saving the row must write ``values`` to the links (by default, when
        they differ from the stored ones; ``set()`` of the same links writes nothing)."""
        return self.m2m_differs(instance, attribute, values)

    def stored_links(self, instance, attribute):
        """The stored rows of ``attribute``'s link table for the row's object, each a
        dict of its columns: read once per row, compared by ``skip_row`` and, when the
        row leaves them as they are, copied by the row's history entry."""
        link_model, owner, _target = _link_sides(self._meta.model, attribute)
        if link_model not in self._stored_links:
            self._stored_links[link_model] = stored_links(link_model, owner, instance.pk)
        return self._stored_links[link_model]

    def before_save_instance(self, instance, row, **kwargs):
        # Recorded by django-simple-history beside the change (also for the link
        # changes that follow), so the history tells an import from a form edit.
        instance._change_reason = _("Spreadsheet import")
        if self.user is not None and getattr(self.user, "is_authenticated", False):
            instance._history_user = self.user

    def after_save_instance(self, instance, row, **kwargs):
        self._rows_by_pk.setdefault(instance.pk, self._row_number)

    def save_instance(self, instance, is_create, row, **kwargs):
        if not (is_create and self.bulk_new_rows):
            return super().save_instance(instance, is_create, row, **kwargs)
        self.before_save_instance(instance, row, **kwargs)
        self.prepare_new(instance)
        self.pending_objects.append(instance)
        self._pending_links.append({})
        for new_objects in self._new_objects:
            new_objects.add(instance)

    def prepare_new(self, instance):
        """What the model's ``save()`` adds to a new object written in bulk."""

    def do_instance_save(self, instance, is_create):
        try:
            self._save_with_one_history_entry(instance, is_create)
        except StaleVersionError as error:
            # Another save of the object came between this row's reading and its
            # writing (core.locking): refused in the row's identity column, like a
            # change made after the preview, instead of an error in English.
            raise ValidationError(
                {
                    self._attribute_of(self.identity_header): _(
                        "Changed by someone else while this file was being imported: "
                        "%(changes)s. Import the file again."
                    )
                    % {"changes": error.changes}
                }
            ) from error

    def _save_with_one_history_entry(self, instance, is_create):
        if not hasattr(type(instance), "_historical_records"):
            return super().do_instance_save(instance, is_create)
        # A row's fields and links make one history entry, written in save_m2m.
        instance.skip_history_when_saving = True
        try:
            super().do_instance_save(instance, is_create)
        finally:
            del instance.skip_history_when_saving
        instance._history_created = is_create

    def save_m2m(self, instance, row, **kwargs):
        if instance.pk is None and self.bulk_new_rows:
            # A new object waiting for its key: its links are written with it. Kept as
            # if prefetched, so that the row's preview shows them.
            for attribute, values in self._m2m_values.items():
                links = self.new_links(instance, attribute, values)
                self._pending_links[-1][attribute] = links
                remember_links(instance, attribute, self.prefetched_links(attribute, values, links))
            return
        created = getattr(instance, "_history_created", None)
        # skip_row has compared the row with the stored object: it changes something.
        bundle = (
            one_history_entry(instance, created=created, known_changed=True)
            if created is not None
            else contextlib.nullcontext()
        )
        with bundle as entry:
            for attribute, values in self._m2m_values.items():
                if self.m2m_needs_set(instance, attribute, values):
                    self.set_m2m(instance, attribute, values)
                elif entry is not None:
                    link_model = _link_model(self._meta.model, attribute)
                    entry.links_as_stored[link_model] = self.stored_links(instance, attribute)

    def set_m2m(self, instance, attribute, values):
        getattr(instance, attribute).set(values)

    def new_links(self, instance, attribute, values):
        """Unsaved rows of the link table joining a new object to ``values`` (the key of
        the new object is filled in when it has one, by ``write_pending``)."""
        field = self._meta.model._meta.get_field(attribute)
        through = field.remote_field.through
        target = through._meta.get_field(field.m2m_reverse_field_name()).attname
        return [through(**{target: value.pk}) for value in values]

    def get_diff_class(self):
        return PreviewDiff

    @staticmethod
    def preview_value(field, instance):
        """A cell of the row's preview, as the clerk reads it on the object's page: dates
        as "29 Oktober 2019" and money as "Rp 1.500.000" (the file's own cells hold
        29-10-2019 and 1500000); everything else as the export writes it. A new object
        waiting for its key has no related managers yet: it shows the links it will be
        written with."""
        if instance is not None and instance.pk is None and field.attribute:
            waiting = instance.__dict__.get("_prefetched_objects_cache", {})
            if field.attribute in waiting:
                return field.widget.render(waiting[field.attribute], obj=instance)
        model_field = _plain_field(instance, field.attribute)
        if isinstance(model_field, DateField) or is_money_field(model_field):
            value = field.get_value(instance)
            return "" if value in (None, "") else readable_value(model_field, value)
        return field.export(instance)

    def prefetched_links(self, attribute, values, links):
        """What ``instance.<attribute>.all()`` gives once the links are written."""
        return values

    def after_import(self, dataset, result, **kwargs):
        super().after_import(dataset, result, **kwargs)
        # A dry run (the admin's preview) writes nothing it would have to roll back: its
        # rows were checked one by one, which is what its report shows.
        if kwargs.get("dry_run") or result.has_errors() or result.has_validation_errors():
            self.pending_objects, self._pending_links = [], []
            return
        if self.pending_objects:
            self.write_pending()

    def write_pending(self):
        """Insert the run's new objects, their links and their history entries."""
        objects, links = self.pending_objects, {}
        self._insert_in_order(objects)
        attributes = dict.fromkeys(name for row_links in self._pending_links for name in row_links)
        for attribute in attributes:
            link_model = _link_model(self._meta.model, attribute)
            links[link_model] = [row_links.get(attribute, []) for row_links in self._pending_links]
            self._insert_links(link_model, objects, links[link_model])
        records = getattr(self._meta.model, "_historical_records", None)
        if records is not None:
            for field in records.m2m_models:
                links.setdefault(field.remote_field.through, [[] for _obj in objects])
            records.bulk_create_historical_records(objects, links, self.bulk_batch_size)
        self.pending_objects, self._pending_links = [], []

    def _insert_in_order(self, objects):
        remaining = list(objects)
        while remaining:
            # An object whose parent is another new object of the file waits for its key
            # (a parent is always an earlier row: a later one is not found yet).
            ready = [obj for obj in remaining if not _waits_for_unsaved(obj)]
            if not ready:
                raise ValueError("New objects of the file refer to each other in a circle.")
            self._meta.model._default_manager.bulk_create(ready, batch_size=self.bulk_batch_size)
            remaining = [obj for obj in remaining if obj.pk is None]

    def _insert_links(self, link_model, objects, per_object):
        owner = next(
            field.attname
            for field in link_model._meta.concrete_fields
            if field.is_relation and field.related_model is self._meta.model
        )
        for obj, written in zip(objects, per_object, strict=True):
            for link in written:
                setattr(link, owner, obj.pk)
        link_model._default_manager.bulk_create(
            [link for written in per_object for link in written], batch_size=self.bulk_batch_size
        )

    # --- Export -----------------------------------------------------------------------

    def export_queryset(self, queryset=None):
        """The queryset an export iterates: the given one (the admin's filtered list)
        or everything, with what the export columns need fetched up front."""
        return queryset if queryset is not None else self._meta.model._default_manager.all()

    def filter_export(self, queryset, **kwargs):
        return self.export_queryset(queryset)


_plain = diff_match_patch()


class PreviewDiff(Diff):
    """The preview's comparison of a row's object before and after, cell by cell, read
    through ``SpreadsheetResource.preview_value``."""

    def __init__(self, resource, instance, new):
        # Not super().__init__(), which would read every cell once more. A new object
        # has no "before" (its blank cells are not worth reading): every cell is shown
        # as it will be written.
        if new:
            left = None
        else:
            stored = resource._cells_as_stored
            left = stored if stored is not None else self.cells(resource, instance)
        self.left, self.right, self.new = left, [], new

    def compare_with(self, resource, instance):
        self.right = self.cells(resource, instance)

    def as_html(self):
        if self.left is None:
            # Each value as written, as diff_match_patch draws unchanged text: the row
            # says "Baru", and every cell underlined as inserted read like a row of links.
            return [
                mark_safe(_plain.diff_prettyHtml([(_plain.DIFF_EQUAL, force_str(value))]))
                for value in self.right
            ]
        return super().as_html()

    @staticmethod
    def cells(resource, instance):
        return [resource.preview_value(field, instance) for field in resource.get_import_fields()]


def _plain_field(instance, attribute):
    """The model field a resource field reads directly (not through a relation), or None."""
    if instance is None or not attribute or "__" in attribute:
        return None
    try:
        return instance._meta.get_field(attribute)
    except FieldDoesNotExist:
        return None


def _link_model(model, attribute):
    """The table holding the links of ``attribute`` (a many-to-many field, or the
    reverse side of a link model's foreign key, like an agreement's units)."""
    return _link_sides(model, attribute)[0]


def _link_sides(model, attribute):
    """``(link model, its foreign key to model, its column of the linked object)`` of
    ``attribute``; the last is None for the reverse side of a link model's foreign key
    (the resource compares those links itself)."""
    field = model._meta.get_field(attribute)
    if field.many_to_many:
        through = field.remote_field.through
        target = through._meta.get_field(field.m2m_reverse_field_name()).attname
        return through, field.m2m_field_name(), target
    return field.related_model, field.field.name, None


def untouched_constraint_fields(instance, original):
    """Fields to leave out of ``validate_constraints`` for a row that changes a stored
    object: those read only by constraints whose every field keeps its stored value
    (such a constraint held before the row and still holds; checking it again costs
    a query). Django skips a constraint that reads a left-out field. Nothing is left
    out for a new object, or when any constraint's fields cannot be told (expressions,
    generated fields): leaving out a field it reads would skip it unasked."""
    if original is None or original.pk is None:
        return set()
    changed = {
        field.name
        for field in instance._meta.concrete_fields
        if field.value_from_object(instance) != field.value_from_object(original)
    }
    untouched, touched = set(), set()
    for _model, constraints in instance.get_constraints():
        for constraint in constraints:
            fields = _constraint_fields(instance, constraint)
            if fields is None:
                # Leaving out any field could make Django skip this one unasked.
                return set()
            if fields & changed:
                touched |= fields
            else:
                untouched |= fields
    return untouched - touched


def _constraint_fields(instance, constraint):
    """The fields a constraint reads, or None when that cannot be told from the object:
    expressions, or a generated field (computed by the database, so its value on the
    object does not show a change)."""
    if getattr(constraint, "expressions", None):
        return None
    fields = set(getattr(constraint, "fields", ()))
    condition = getattr(constraint, "condition", None)
    if condition is not None:
        fields |= Q(condition).referenced_base_fields
    try:
        # By name: a condition may say "unit_id" where the row's changes say "unit".
        model_fields = [instance._meta.get_field(name) for name in fields]
    except FieldDoesNotExist:
        return None
    if any(getattr(field, "generated", False) for field in model_fields):
        return None
    return {field.name for field in model_fields}


def _waits_for_unsaved(obj):
    """Whether ``obj`` refers to another object that has no key yet."""
    for field in obj._meta.concrete_fields:
        if field.is_relation and field.is_cached(obj):
            related = field.get_cached_value(obj)
            if related is not None and related.pk is None:
                return True
    return False


def remember_links(instance, attribute, objects):
    """Keep the links just written as if prefetched, so that the row's preview (the
    diff django-import-export renders after the save) does not read them back."""
    instance.__dict__.setdefault("_prefetched_objects_cache", {})[attribute] = list(objects)

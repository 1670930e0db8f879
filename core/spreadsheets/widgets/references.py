"""Cells that name other records: partners, units, affairs, objectives, parents."""

from operator import attrgetter

from django.utils.translation import gettext as _
from import_export import widgets

from core.naming import clean_spaces, normalize_name

from .cells import (
    LIST_JOINER,
    LIST_SEPARATORS,
    cell_text,
    closest,
    strip_formula_guard,
    unknown_message,
)


class NameIndex:
    """Objects of a model found by any of ``keys`` (fields), case- and space-insensitively.

    Built once per import with one query; a name shared by several objects is
    ambiguous rather than silently resolved to one of them.
    """

    def __init__(self, queryset, keys):
        self.objects, ambiguous = {}, set()
        self.names = []
        for obj in queryset:
            for key_field in keys:
                name = getattr(obj, key_field)
                key = normalize_name(name)
                if not key:
                    continue
                self.names.append(name)
                if self.objects.get(key, obj) != obj:
                    ambiguous.add(key)
                self.objects[key] = obj
        self.ambiguous = ambiguous

    def find(self, name, kind):
        key = normalize_name(name)
        if key in self.ambiguous:
            raise ValueError(
                _("Several %(kind)s are called “%(value)s”; write the code instead.")
                % {"kind": kind, "value": name}
            )
        obj = self.objects.get(key)
        if obj is None:
            raise ValueError(unknown_message(kind, name, closest(name, self.names)))
        return obj


class NamedLookupMixin:
    """Finds related objects by name or code (``keys``) through one NameIndex per import,
    and writes them back by ``render_field``."""

    def __init__(self, model, keys=("name",), render_field=None, **kwargs):
        self.keys = tuple(keys)
        self.render_field = render_field or self.keys[0]
        self._index = None
        super().__init__(model, field=self.render_field, **kwargs)

    def __deepcopy__(self, memo):
        return type(self)(self.model, keys=self.keys, render_field=self.render_field)

    @property
    def kind(self):
        return self.model._meta.verbose_name

    def index(self):
        if self._index is None:
            self._index = NameIndex(self.model._default_manager.all(), self.keys)
        return self._index


class NamedForeignKeyWidget(NamedLookupMixin, widgets.ForeignKeyWidget):
    """One related object by its name or code (``keys``), with a suggestion when unknown."""

    def clean(self, value, row=None, **kwargs):
        text = strip_formula_guard(cell_text(value))
        if not text:
            return None
        return self.index().find(text, self.kind)

    def render(self, value, obj=None, **kwargs):
        if value is None:
            return None if kwargs.get("force_native_type") else ""
        return getattr(value, self.render_field)

    def native_renderer(self):
        """``render(value, force_native_type=True)`` as a function of the value alone."""
        name = attrgetter(self.render_field)
        return lambda value: None if value is None else name(value)


class NamedListWidget(NamedLookupMixin, widgets.ManyToManyWidget):
    """Several related objects by name or code, separated by ``;`` or new lines.

    ``clean()`` gives the objects in the order written (the first unit listed leads),
    without repeats; every unknown name is listed with the closest existing one.
    """

    def __init__(self, model, keys=("name",), render_field=None, **kwargs):
        super().__init__(
            model, keys=keys, render_field=render_field, separator=LIST_JOINER, **kwargs
        )

    @staticmethod
    def split(value):
        text = strip_formula_guard(cell_text(value))
        return [part for part in LIST_SEPARATORS.split(text) if part.strip()]

    def clean(self, value, row=None, **kwargs):
        found, problems = [], []
        for name in self.split(value):
            try:
                obj = self.index().find(name, self.kind)
            except ValueError as error:
                problems.append(str(error))
                continue
            if obj not in found:
                found.append(obj)
        if problems:
            raise ValueError(" ".join(problems))
        return found

    def names(self, objects):
        return [str(getattr(obj, self.render_field)) for obj in objects]

    @staticmethod
    def related(value):
        """The objects of a related manager (none yet for an unsaved object)."""
        if value is None:
            return []
        if not hasattr(value, "all"):
            return value
        instance = getattr(value, "instance", None)
        if instance is not None and instance.pk is None:
            return []
        return value.all()

    def render(self, value, obj=None, **kwargs):
        return LIST_JOINER.join(self.names(self.related(value)))

    def native_renderer(self):
        """``render(value, force_native_type=True)`` as a function of the value alone;
        an export gives plain lists (``core.spreadsheets.exporting.links_by_pk``)."""
        name, related = attrgetter(self.render_field), self.related
        return lambda value: LIST_JOINER.join(
            [str(name(obj)) for obj in (value if type(value) is list else related(value))]
        )


class LeadFirstUnitsWidget(NamedListWidget):
    """An agreement's responsible units, the lead unit first.

    Rendered from the agreement's ``agreement_units`` links (prefetched by exports);
    cleaned like any list of units.
    """

    def render(self, value, obj=None, **kwargs):
        return LIST_JOINER.join(self.names(link.unit for link in self._lead_first(value)))

    def _lead_first(self, value):
        return sorted(self.related(value), key=lambda link: (not link.is_lead, link.unit.code))

    def native_renderer(self):
        """``render(value, force_native_type=True)`` as a function of the value alone."""
        name, lead_first = attrgetter(self.render_field), self._lead_first
        return lambda value: LIST_JOINER.join([str(name(link.unit)) for link in lead_first(value)])


class NewObjects:
    """The objects a file creates before they are written (``bulk_new_rows``), found by
    their references so that a later row of the file may name them (its parent, say)."""

    def __init__(self, keys):
        self.keys = tuple(keys)
        self._exact, self._folded = {}, {}

    def add(self, obj):
        for key in self.keys:
            value = getattr(obj, key)
            if value:
                self._exact[key, value] = obj
                self._folded.setdefault((key, value.casefold()), obj)

    def find(self, key, text, lookup):
        if lookup == "exact":
            return self._exact.get((key, text))
        return self._folded.get((key, text.casefold()))

    def references(self, key):
        return [value for name, value in self._exact if name == key]


class ReferenceWidget(widgets.ForeignKeyWidget):
    """One object by any of its unique references (an agreement by Kode or Nomor).

    Looked up in the database for every cell, and among the objects the file creates
    (``new_objects``, set by the resource), so that a row may refer to an object created
    by an earlier row of the same file (its parent, say).
    """

    def __init__(self, model, keys=("code", "number"), **kwargs):
        self.keys = tuple(keys)
        self.new_objects = None
        super().__init__(model, field=self.keys[0], **kwargs)

    def __deepcopy__(self, memo):
        return type(self)(self.model, keys=self.keys)

    def clean(self, value, row=None, **kwargs):
        text = clean_spaces(strip_formula_guard(cell_text(value)))
        if not text:
            return None
        manager = self.model._default_manager
        # Exactly as written first, which an index answers (the "not blank" condition
        # lets a partial unique index serve); whatever the case only then, since that
        # reads every row (docs/performance.md).
        for lookup in ("exact", "iexact"):
            for key in self.keys:
                if self.new_objects is not None:
                    found = self.new_objects.find(key, text, lookup)
                    if found is not None:
                        return found
                found = manager.filter(**{f"{key}__{lookup}": text}).exclude(**{key: ""}).first()
                if found is not None:
                    return found
        candidates = [
            reference
            for key in self.keys
            for reference in manager.exclude(**{key: ""}).values_list(key, flat=True)
        ]
        if self.new_objects is not None:
            candidates += [ref for key in self.keys for ref in self.new_objects.references(key)]
        raise ValueError(
            unknown_message(self.model._meta.verbose_name, text, closest(text, candidates))
        )

    def render(self, value, obj=None, **kwargs):
        if value is None:
            return None if kwargs.get("force_native_type") else ""
        return getattr(value, self.keys[0])

    def native_renderer(self):
        """``render(value, force_native_type=True)`` as a function of the value alone."""
        reference = attrgetter(self.keys[0])
        return lambda value: None if value is None else reference(value)

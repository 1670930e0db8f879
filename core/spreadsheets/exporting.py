"""Export rows straight from ``.values()``: no model instances, no per-row queries.

A resource opts in by defining ``export_values_plan()`` (see
``agreements.resources.AgreementResource``): the plain values its columns read, and one
query per related list and chunk of rows. Every column is then still written by its own
field and widget (``dehydrate_*`` methods included), exactly as
``Resource.export_resource()`` would for a model instance, so the admin's export and
``manage.py export`` give the same cells; only the reading changes (docs/performance.md).
"""

from collections import namedtuple
from functools import lru_cache, partial
from itertools import islice

from django.db.models import Expression, IntegerField

# Rows read, and their related lists fetched, per round trip.
CHUNK_SIZE = 2_000


class ExportRow(dict):
    """One row's values, readable as keys (``Field.get_value``) and as attributes
    (``dehydrate_*`` methods written for model instances)."""

    __slots__ = ()

    def __getattr__(self, name):
        try:
            return self[name]
        except KeyError:
            raise AttributeError(name) from None


class KeyList(Expression):
    """The primary keys of one chunk as ``(%s, %s, …)``, the right side of an ``__in``
    filter: ``filter(agreement_id__in=KeyList(pks))``.

    Django prepares each value of an ``__in`` list through the field (normalised, then
    checked twice, ≈ 5 µs a value: about 2 s for the four related lists of 100,000
    agreements). These keys were just read from the database as plain integers, so they
    go in as parameters as they are.
    """

    def __init__(self, keys):
        super().__init__(output_field=IntegerField())
        self.keys = list(keys)

    def as_sql(self, compiler, connection):
        return "(" + ", ".join(["%s"] * len(self.keys)) + ")", self.keys


def chunked(iterable, size):
    iterator = iter(iterable)
    while chunk := list(islice(iterator, size)):
        yield chunk


def column_exporters(resource, export_fields=None):
    """For each export column, ``(name, render)``: its cell is ``render(row.get(name))``,
    or ``render(row)`` when ``name`` is None (``dehydrate_*`` methods, nested
    attributes)."""
    exporters = []
    for field in resource.get_export_fields(export_fields):
        method = field.get_dehydrate_method(resource.get_field_name(field))
        method = method if callable(method) else getattr(resource, method, None)
        if method is not None:
            exporters.append((None, method))
            continue
        if hasattr(field.widget, "native_renderer"):
            # One function of the value, built once per export: ``render(…,
            # force_native_type=True)`` without its keyword handling for each of a few
            # million cells.
            render = field.widget.native_renderer()
        else:
            render = partial(field.widget.render, force_native_type=True)
        if field.attribute and "__" not in field.attribute:
            # What Field.get_value() gives for a dict, without splitting the attribute
            # for each cell.
            exporters.append((field.attribute, render))
        else:
            exporters.append((None, partial(_nested_cell, field, render)))
    return exporters


def _nested_cell(field, render, row):
    return render(field.get_value(row))


@lru_cache
def link_type(*names):
    """A light record type for the rows of a related list (attributes read in C)."""
    return namedtuple("Link", names)


def links_by_pk(through, source, target_value, pks):
    """``{source pk: [Link(name=…)]}`` of a link table, in the order of the
    targets' ``target_value`` (what the model's default ordering gives)."""
    target, value = target_value.split("__")
    link = link_type(value)
    by_pk = {}
    rows = (
        through._default_manager.filter(**{f"{source}_id__in": KeyList(pks)})
        .order_by(target_value)
        .values_list(f"{source}_id", target_value)
    )
    for pk, text in rows:
        if pk in by_pk:
            by_pk[pk].append(link(text))
        else:
            by_pk[pk] = [link(text)]
    return by_pk


def value_rows(resource, queryset, export_fields=None):
    """Lists of native cell values, one per object of ``queryset`` (a QuerySet), chunk
    by chunk.

    ``resource.export_values_plan()`` gives ``(names, build, related)``: the names to
    read with ``.values()``, a function turning one such dict into the row (renaming,
    nesting a parent), and ``{attribute: function(pks) -> {pk: [objects]}}`` for the
    related lists.
    """
    names, build, related = resource.export_values_plan()
    exporters = column_exporters(resource, export_fields)
    values = queryset.values("pk", *names).iterator(chunk_size=CHUNK_SIZE)
    for chunk in chunked(values, CHUNK_SIZE):
        pks = [values_of_row["pk"] for values_of_row in chunk]
        lists = [(attribute, fetch(pks)) for attribute, fetch in related.items()]
        for values_of_row in chunk:
            row = ExportRow(build(values_of_row))
            pk = values_of_row["pk"]
            for attribute, by_pk in lists:
                row[attribute] = by_pk.get(pk, [])
            yield [
                render(row) if name is None else render(row.get(name)) for name, render in exporters
            ]

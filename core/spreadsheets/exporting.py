"""Export rows straight from ``.values()``: no model instances, no per-row queries.

A resource opts in by defining ``export_values_plan()`` (see
``agreements.resources.AgreementResource``): the plain values its columns read, and one
query per related list and chunk of rows. Every column is then still written by its own
field and widget (``dehydrate_*`` methods included), exactly as
``Resource.export_resource()`` would for a model instance, so the admin's export and
``manage.py export`` give the same cells; only the reading changes (docs/performance.md).
"""

from functools import partial
from itertools import islice

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


def chunked(iterable, size):
    iterator = iter(iterable)
    while chunk := list(islice(iterator, size)):
        yield chunk


def column_exporters(resource, export_fields=None):
    """For each export column, the function that gives its cell from a row."""
    exporters = []
    for field in resource.get_export_fields(export_fields):
        method = field.get_dehydrate_method(resource.get_field_name(field))
        method = method if callable(method) else getattr(resource, method, None)
        if method is not None:
            exporters.append(method)
            continue
        if hasattr(field.widget, "native_renderer"):
            render = field.widget.native_renderer()
        else:
            render = partial(field.widget.render, force_native_type=True)
        if field.attribute and "__" not in field.attribute:
            # What Field.get_value() gives for a dict, without splitting the attribute
            # for each of a few million cells.
            exporters.append(lambda row, name=field.attribute, render=render: render(row.get(name)))
        else:
            exporters.append(lambda row, field=field, render=render: render(field.get_value(row)))
    return exporters


def links_by_pk(through, source, target_value, pks):
    """``{source pk: [ExportRow(name=…)]}`` of a link table, in the order of the
    targets' ``target_value`` (what the model's default ordering gives)."""
    target, value = target_value.split("__")
    by_pk = {}
    rows = (
        through._default_manager.filter(**{f"{source}_id__in": pks})
        .order_by(target_value)
        .values_list(f"{source}_id", target_value)
    )
    for pk, text in rows:
        by_pk.setdefault(pk, []).append(ExportRow({value: text}))
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
        lists = {attribute: fetch(pks) for attribute, fetch in related.items()}
        for values_of_row in chunk:
            row = ExportRow(build(values_of_row))
            for attribute, by_pk in lists.items():
                row[attribute] = by_pk.get(values_of_row["pk"], [])
            yield [export(row) for export in exporters]

"""Narrowing a queryset by another one, without reading a whole table to do it."""

from django.db.models import QuerySet


def is_whole_table(queryset):
    """Whether ``queryset`` is every row of its model, selected as rows (no filter,
    slice, union, or ``values()`` of another column such as a foreign key)."""
    query = queryset.query
    return not (query.where or query.is_sliced or query.combinator or query.values_select)


def narrowed(queryset, **lookups):
    """``queryset`` filtered by each ``<relation>__in=values`` of ``lookups``.

    Values of None narrow nothing, and neither does a queryset of every row of the
    related model: an ``IN (SELECT id FROM …)`` of every row makes the database read
    that table, and can keep it from the index it would otherwise use
    (docs/performance.md). (A queryset of another model is refused by the lookup
    itself, as Django refuses it.)"""
    for lookup, values in lookups.items():
        if values is None or (isinstance(values, QuerySet) and is_whole_table(values)):
            continue
        queryset = queryset.filter(**{lookup: values})
    return queryset

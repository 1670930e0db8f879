"""Narrowing a queryset by another one, without reading a whole table to do it."""

from django.db.models import QuerySet


def is_whole_table(queryset):
    """Whether ``queryset`` is every row of its model (no filter, slice or union)."""
    query = queryset.query
    return not query.where and not query.is_sliced and not query.combinator


def narrowed(queryset, **lookups):
    """``queryset`` filtered by each ``<relation>__in=values`` of ``lookups``.

    Values of None narrow nothing, and neither does a queryset of a whole table: an
    ``IN (SELECT id FROM …)`` of every row makes the database read that table, and can
    keep it from the index it would otherwise use (docs/performance.md)."""
    for lookup, values in lookups.items():
        if values is None or (isinstance(values, QuerySet) and is_whole_table(values)):
            continue
        queryset = queryset.filter(**{lookup: values})
    return queryset

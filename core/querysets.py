"""Narrowing a queryset by another one without reading a whole table to do it, and
counting a queryset's rows by some of its columns in the database."""

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import Q, QuerySet


def is_whole_table(queryset):
    """Whether ``queryset`` is every row of its model, selected as rows (no filter,
    slice, union, or ``values()`` of another column such as a foreign key)."""
    query = queryset.query
    return not (query.where or query.is_sliced or query.combinator or query.values_select)


def narrowing(**lookups):
    """Q: each ``<relation>__in=values`` of ``lookups``, but for values of None and
    querysets of every row of the related model, which narrow nothing: an
    ``IN (SELECT id FROM …)`` of every row makes the database read that table, and can
    keep it from the index it would otherwise use (docs/performance.md). (A queryset
    of another model is refused by the lookup itself, as Django refuses it.)"""
    condition = Q()
    for lookup, values in lookups.items():
        if values is None or (isinstance(values, QuerySet) and is_whole_table(values)):
            continue
        condition &= Q(**{lookup: values})
    return condition


def narrowed(queryset, **lookups):
    """``queryset`` filtered by ``narrowing(**lookups)``."""
    return queryset.filter(narrowing(**lookups))


def count_rows(queryset, *columns):
    """``{(value, …): number of rows}`` of ``queryset``'s rows by ``columns`` (names of
    its annotations, which the SQL selects under their own names), counted by the
    database in one query.

    For rows that are themselves groups (``values("pk").annotate(Min(…))``: one row per
    agreement), which the ORM cannot group again; the queryset's own SQL becomes the
    subquery of a ``GROUP BY``, so its filters and joins hold as written."""
    connection = connections[queryset.db]
    try:
        sql, params = queryset.query.get_compiler(queryset.db).as_sql()
    except EmptyResultSet:  # .none(), or an empty IN list: nothing to count
        return {}
    names = ", ".join(connection.ops.quote_name(column) for column in columns)
    grouped = f"SELECT {names}, COUNT(*) FROM ({sql}) rows_counted GROUP BY {names}"
    with connection.cursor() as cursor:
        cursor.execute(grouped, params)
        return {tuple(row[:-1]): row[-1] for row in cursor.fetchall()}

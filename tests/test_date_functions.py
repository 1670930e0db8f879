"""``core.date_functions.DateYear`` and ``core.querysets.count_rows`` against Django's own."""

from datetime import date

import pytest
from django.db.models import Count
from django.db.models.functions import ExtractYear

from agreements.models import Agreement
from core.date_functions import DateYear
from core.querysets import count_rows
from tests.factories import make_agreement

pytestmark = pytest.mark.django_db


def test_date_year_is_the_year_django_extracts():
    for day in [date(1999, 12, 31), date(2019, 1, 1), date(2024, 2, 29), date(2100, 6, 30)]:
        make_agreement(signed_on=day)
    make_agreement(signed_on=None, stage="DRAFTING")

    ours = Agreement.objects.annotate(year=DateYear("signed_on")).values_list("pk", "year")
    django = Agreement.objects.annotate(year=ExtractYear("signed_on")).values_list("pk", "year")
    assert sorted(ours) == sorted(django)
    assert {year for _pk, year in ours} == {1999, 2019, 2024, 2100, None}


def test_date_year_refuses_a_date_and_time():
    with pytest.raises(ValueError):
        list(Agreement.objects.annotate(year=DateYear("created_at")))


def test_count_rows_counts_grouped_rows_as_the_orm_would():
    for day in [date(2019, 1, 1), date(2019, 5, 1), date(2020, 1, 1)]:
        make_agreement(signed_on=day, kind="PKS")
    make_agreement(signed_on=date(2020, 2, 2), kind="KB")

    rows = Agreement.objects.order_by().values("pk").annotate(year=DateYear("signed_on"))
    counted = count_rows(rows.filter(kind="PKS"), "year")
    assert counted == {(2019,): 2, (2020,): 1}
    expected = Agreement.objects.order_by().values_list("kind").annotate(n=Count("pk"))
    assert count_rows(Agreement.objects.all(), "kind") == {(kind,): n for kind, n in expected}


def test_count_rows_of_nothing_is_empty():
    assert count_rows(Agreement.objects.none(), "kind") == {}
    assert count_rows(Agreement.objects.filter(pk__in=[]), "kind") == {}

"""``core.date_functions`` and ``core.querysets.count_rows`` against Django's own and the
reports' periods."""

from datetime import date

import pytest
from django.db.models import Count
from django.db.models.functions import ExtractMonth, ExtractYear

from agreements.models import Agreement
from core.date_functions import DateMonth, DateYear, SemesterNumber
from core.querysets import count_rows
from reports.obligations import Period
from tests.factories import make_agreement

pytestmark = pytest.mark.django_db


def test_date_year_and_month_are_the_ones_django_extracts():
    for day in [date(1999, 12, 31), date(2019, 1, 1), date(2024, 2, 29), date(2100, 6, 30)]:
        make_agreement(signed_on=day)
    make_agreement(signed_on=None, stage="DRAFTING")

    for ours, django in ((DateYear, ExtractYear), (DateMonth, ExtractMonth)):
        found = Agreement.objects.annotate(part=ours("signed_on")).values_list("pk", "part")
        extracted = Agreement.objects.annotate(part=django("signed_on")).values_list("pk", "part")
        assert sorted(found, key=str) == sorted(extracted, key=str)
    years = Agreement.objects.annotate(year=DateYear("signed_on")).values_list("year", flat=True)
    assert set(years) == {1999, 2019, 2024, 2100, None}
    months = Agreement.objects.annotate(month=DateMonth("signed_on")).values_list(
        "month", flat=True
    )
    assert set(months) == {12, 1, 2, 6, None}


def test_date_year_and_month_refuse_a_date_and_time():
    for part in (DateYear, DateMonth):
        with pytest.raises(ValueError):
            list(Agreement.objects.annotate(part=part("created_at")))


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


def test_semester_number_counts_half_years_as_the_reports_periods_do():
    days = [date(2019, 1, 1), date(2019, 6, 30), date(2019, 7, 1), date(2019, 12, 31)]
    days.append(date(2020, 1, 1))
    for day in days:
        make_agreement(start_date=day, signed_on=day, end_date=None)

    numbers = dict(
        Agreement.objects.annotate(n=SemesterNumber("start_date")).values_list("start_date", "n")
    )
    assert [numbers[day] for day in days] == [4038, 4038, 4039, 4039, 4040]
    assert numbers[date(2019, 7, 1)] == Period(2019, 2).number

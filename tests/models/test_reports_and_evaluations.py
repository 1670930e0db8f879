"""Reports and evaluations: what is accepted and refused, and the computed score."""

from decimal import Decimal

import pytest

from reports.choices import ReportStatus
from reports.models import Evaluation, Report
from tests.factories import make_agreement, make_report, make_unit
from tests.models.checks import (
    new_evaluation,
    refused_by_database,
    validation_errors,
)

pytestmark = pytest.mark.django_db

# --- Reports and evaluations -------------------------------------------------------


def test_a_unit_reports_once_per_agreement_and_semester():
    unit = make_unit()
    agreement = make_agreement(units=[unit])
    make_report(agreement, unit, year=2020, semester=1)
    duplicate = Report(
        agreement=agreement, unit=unit, year=2020, semester=1, activities="Rapat lagi"
    )
    assert validation_errors(duplicate)
    refused_by_database(duplicate.save)
    Report(agreement=agreement, unit=unit, year=2020, semester=2, activities="Rapat").full_clean()
    other_unit = make_unit()
    Report(
        agreement=agreement, unit=other_unit, year=2020, semester=1, activities="Rapat"
    ).full_clean()


@pytest.mark.parametrize("note", ["", "   \n"])
def test_a_returned_report_needs_the_verifiers_note(note):
    unit = make_unit()
    report = make_report(make_agreement(units=[unit]), unit)
    report.status = ReportStatus.RETURNED
    report.verifier_note = note
    assert "verifier_note" in validation_errors(report)
    report.verifier_note = "Lampirkan notulen rapat."
    report.full_clean()


def test_a_semester_is_one_or_two():
    unit = make_unit()
    report = Report(
        agreement=make_agreement(), unit=unit, year=2020, semester=3, activities="Rapat"
    )
    assert "semester" in validation_errors(report)


@pytest.mark.parametrize(
    ("ratings", "expected"),
    [
        ((5, 5, 5, 5, 5, 5), Decimal("5.00")),
        ((5, 4, 4, 3, 5, 4), Decimal("4.17")),
        ((1, 1, 1, 1, 1, 2), Decimal("1.17")),
        ((2, 3, 2, 3, 2, 3), Decimal("2.50")),
        ((1, 2, 3, 4, 5, 5), Decimal("3.33")),
    ],
)
def test_the_overall_score_is_the_mean_of_the_six_ratings(ratings, expected):
    evaluation = new_evaluation(make_agreement(), ratings=ratings)
    evaluation.full_clean()
    evaluation.save()
    assert Evaluation.objects.get().overall_score == expected


def test_the_overall_score_follows_an_edited_rating():
    evaluation = new_evaluation(make_agreement(), ratings=(3, 3, 3, 3, 3, 3))
    evaluation.save()
    evaluation.benefit = 5
    evaluation.save()
    assert Evaluation.objects.get().overall_score == Decimal("3.33")


def test_a_rating_outside_one_to_five_is_refused():
    errors = validation_errors(new_evaluation(make_agreement(), ratings=(4, 4, 4, 4, 4, 6)))
    assert "benefit" in errors


def test_an_agreement_is_evaluated_once_a_year():
    agreement = make_agreement()
    new_evaluation(agreement, year=2023).save()
    duplicate = new_evaluation(agreement, year=2023)
    assert validation_errors(duplicate)
    refused_by_database(duplicate.save)
    new_evaluation(agreement, year=2024).full_clean()

"""How the model tests ask: the errors a form would show, a save the database refuses."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from agreements.models import Agreement, ForeignVisit
from reports.choices import Recommendation
from reports.models import RATING_FIELDS, Evaluation
from tests.factories import AGREEMENT_FIELDS


def validation_errors(instance):
    """The errors a form would show for this instance, as {field: [messages]}."""
    with pytest.raises(ValidationError) as excinfo:
        instance.full_clean()
    return excinfo.value.message_dict


def refused_by_database(create):
    """Run ``create`` (a save that skips validation) and expect the database to refuse."""
    with pytest.raises(IntegrityError), transaction.atomic():
        create()


def new_agreement(**fields):
    """An unsaved agreement as a form would build it: valid unless ``fields`` break it."""
    return Agreement(**{**AGREEMENT_FIELDS, **fields})


def new_evaluation(agreement, year=2023, ratings=(4, 4, 4, 4, 4, 4), **fields):
    values = dict(zip(RATING_FIELDS, ratings, strict=True))
    values.update(fields)
    return Evaluation(
        agreement=agreement,
        year=year,
        recommendation=Recommendation.CONTINUE,
        evaluator="Tim Monev Bappeda",
        **values,
    )


def new_visit(departure, return_date):
    return ForeignVisit(
        purpose="Studi banding pengelolaan sampah",
        country="Jepang",
        departure=departure,
        return_date=return_date,
    )

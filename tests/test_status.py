"""The derived status of an agreement and its partner group, around every boundary.

Today is moved with the ``today`` fixture; statuses are read through
``Agreement.objects.with_status()``, the one place that computes them.
"""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from agreements.choices import PartnerCategory, PartnerGroup, Stage, Status
from agreements.models import Agreement
from agreements.querysets import group_of_rank
from core import clock
from tests.factories import make_agreement, make_partner

pytestmark = pytest.mark.django_db

TODAY = date(2024, 7, 1)
DAY = timedelta(days=1)


def status_of(agreement, **kwargs):
    return Agreement.objects.with_status(**kwargs).get(pk=agreement.pk).status


def signed(start, end, signed_on=None):
    return make_agreement(
        stage=Stage.SIGNED, signed_on=signed_on or start, start_date=start, end_date=end
    )


# (stage, start, end, expected) with dates relative to TODAY.
BOUNDARIES = [
    pytest.param(Stage.SIGNED, TODAY + DAY, None, Status.NOT_STARTED, id="starts-tomorrow"),
    pytest.param(Stage.SIGNED, TODAY, None, Status.ACTIVE, id="starts-today"),
    pytest.param(
        Stage.SIGNED, TODAY + DAY, TODAY + 10 * DAY, Status.NOT_STARTED, id="starts-later-ends-soon"
    ),
    pytest.param(
        Stage.SIGNED, TODAY - 400 * DAY, TODAY - DAY, Status.EXPIRED, id="ended-yesterday"
    ),
    pytest.param(Stage.SIGNED, TODAY - 400 * DAY, TODAY, Status.EXPIRING, id="ends-today"),
    pytest.param(Stage.SIGNED, TODAY, TODAY, Status.EXPIRING, id="one-day-agreement-today"),
    pytest.param(Stage.SIGNED, TODAY - 400 * DAY, TODAY + DAY, Status.EXPIRING, id="ends-tomorrow"),
    pytest.param(
        Stage.SIGNED, TODAY - 400 * DAY, TODAY + 90 * DAY, Status.EXPIRING, id="ends-in-90"
    ),
    pytest.param(Stage.SIGNED, TODAY - 400 * DAY, TODAY + 91 * DAY, Status.ACTIVE, id="ends-in-91"),
    pytest.param(Stage.SIGNED, TODAY - 400 * DAY, None, Status.ACTIVE, id="no-end-date"),
    pytest.param(Stage.EXPLORATION, None, None, Status.EXPLORATION, id="exploration-no-dates"),
    pytest.param(
        Stage.EXPLORATION,
        TODAY - DAY,
        TODAY + 400 * DAY,
        Status.EXPLORATION,
        id="exploration-dated",
    ),
    pytest.param(Stage.DRAFTING, None, None, Status.DRAFTING, id="drafting-no-dates"),
    pytest.param(Stage.DRAFTING, TODAY + DAY, None, Status.DRAFTING, id="drafting-dated"),
    pytest.param(
        Stage.TERMINATED, TODAY - DAY, TODAY + 400 * DAY, Status.TERMINATED, id="terminated-in-term"
    ),
    pytest.param(
        Stage.TERMINATED, TODAY - 400 * DAY, TODAY - DAY, Status.TERMINATED, id="terminated-ended"
    ),
    pytest.param(Stage.TERMINATED, TODAY, TODAY, Status.TERMINATED, id="terminated-ends-today"),
    pytest.param(
        Stage.CANCELLED, TODAY - DAY, TODAY + 400 * DAY, Status.CANCELLED, id="cancelled-in-term"
    ),
    pytest.param(Stage.CANCELLED, TODAY + DAY, None, Status.CANCELLED, id="cancelled-not-started"),
    pytest.param(Stage.CANCELLED, None, None, Status.CANCELLED, id="cancelled-no-dates"),
]


def make_at_stage(stage, start, end):
    return make_agreement(stage=stage, signed_on=start, start_date=start, end_date=end)


@pytest.mark.parametrize(("stage", "start", "end", "expected"), BOUNDARIES)
def test_status_around_each_boundary(today, stage, start, end, expected):
    today(TODAY)
    agreement = make_at_stage(stage, start, end)
    assert status_of(agreement) == expected
    assert agreement.current_status == expected


def test_the_status_moves_with_the_days(today):
    agreement = signed(date(2024, 1, 1), date(2024, 12, 31))
    expected = {
        date(2023, 12, 31): Status.NOT_STARTED,
        date(2024, 1, 1): Status.ACTIVE,
        date(2024, 10, 1): Status.ACTIVE,
        date(2024, 10, 2): Status.EXPIRING,
        date(2024, 12, 31): Status.EXPIRING,
        date(2025, 1, 1): Status.EXPIRED,
    }
    seen = {}
    for day in expected:
        today(day)
        seen[day] = status_of(agreement)
    assert seen == expected


@pytest.mark.parametrize(
    ("days_left", "expected"),
    [(30, Status.EXPIRING), (31, Status.ACTIVE), (0, Status.EXPIRING), (-1, Status.EXPIRED)],
)
def test_the_expiring_window_follows_the_setting(settings, today, days_left, expected):
    settings.EXPIRING_WITHIN_DAYS = 30
    today(TODAY)
    agreement = signed(TODAY - 400 * DAY, TODAY + days_left * DAY)
    assert status_of(agreement) == expected


def test_an_explicit_day_overrides_the_clock(today):
    today(TODAY)
    agreement = signed(date(2024, 1, 1), date(2024, 12, 31))
    assert status_of(agreement, today=date(2023, 6, 1)) == Status.NOT_STARTED
    assert status_of(agreement, today=date(2024, 3, 1)) == Status.ACTIVE
    assert status_of(agreement, today=date(2024, 12, 1)) == Status.EXPIRING
    assert status_of(agreement, today=date(2025, 1, 1)) == Status.EXPIRED
    assert status_of(agreement) == Status.ACTIVE


def test_in_force_means_active_or_expiring(today):
    today(TODAY)
    active = signed(TODAY - 400 * DAY, None)
    expiring = signed(TODAY - 400 * DAY, TODAY)
    starts_tomorrow = signed(TODAY + DAY, None)
    ended_yesterday = signed(TODAY - 400 * DAY, TODAY - DAY)
    make_at_stage(Stage.TERMINATED, TODAY - DAY, None)
    make_at_stage(Stage.EXPLORATION, None, None)

    assert set(Agreement.objects.in_force()) == {active, expiring}
    assert set(Agreement.objects.in_force(today=TODAY - DAY)) == {
        active,
        expiring,
        ended_yesterday,
    }
    assert set(Agreement.objects.in_force(today=TODAY + DAY)) == {active, starts_tomorrow}


def test_the_list_can_be_filtered_and_sorted_by_status(today):
    today(TODAY)
    made = {
        Status.NOT_STARTED: signed(TODAY + DAY, None),
        Status.ACTIVE: signed(TODAY - DAY, None),
        Status.EXPIRING: signed(TODAY - DAY, TODAY + DAY),
        Status.EXPIRED: signed(TODAY - 10 * DAY, TODAY - DAY),
        Status.EXPLORATION: make_at_stage(Stage.EXPLORATION, None, None),
        Status.DRAFTING: make_at_stage(Stage.DRAFTING, None, None),
        Status.TERMINATED: make_at_stage(Stage.TERMINATED, TODAY - DAY, None),
        Status.CANCELLED: make_at_stage(Stage.CANCELLED, None, None),
    }
    rows = list(Agreement.objects.with_status().order_by("status").values_list("status", "pk"))
    assert [status for status, _pk in rows] == sorted(made)
    assert dict(rows) == {s: a.pk for s, a in made.items()}

    descending = Agreement.objects.with_status().order_by("-status")
    assert [a.status for a in descending] == sorted(made, reverse=True)

    expiring = Agreement.objects.with_status_in([Status.EXPIRING, Status.EXPIRED])
    assert set(expiring) == {made[Status.EXPIRING], made[Status.EXPIRED]}


@pytest.mark.parametrize(
    "zone", ["UTC", "Asia/Jakarta", "Pacific/Kiritimati", "Pacific/Pago_Pago", "America/New_York"]
)
def test_the_boundaries_hold_in_every_server_time_zone(settings, today, zone):
    settings.TIME_ZONE = zone
    today(TODAY)
    cases = {
        signed(TODAY + DAY, None): Status.NOT_STARTED,
        signed(TODAY, None): Status.ACTIVE,
        signed(TODAY - 400 * DAY, TODAY): Status.EXPIRING,
        signed(TODAY - 400 * DAY, TODAY - DAY): Status.EXPIRED,
        signed(TODAY - 400 * DAY, TODAY + 90 * DAY): Status.EXPIRING,
        signed(TODAY - 400 * DAY, TODAY + 91 * DAY): Status.ACTIVE,
    }
    statuses = dict(Agreement.objects.with_status().values_list("pk", "status"))
    assert statuses == {agreement.pk: status for agreement, status in cases.items()}


@pytest.mark.parametrize(
    "zone", ["UTC", "Asia/Jakarta", "Pacific/Kiritimati", "Pacific/Pago_Pago", "America/New_York"]
)
def test_today_is_the_servers_local_date(settings, zone):
    # The real clock: at any moment at least one of these zones is on another date than
    # UTC, so a status computed from the UTC date would be a day off there.
    settings.TIME_ZONE = zone
    local_today = datetime.now(ZoneInfo(zone)).date()
    assert clock.today() == local_today

    ends_today = signed(local_today - 400 * DAY, local_today)
    ended_yesterday = signed(local_today - 400 * DAY, local_today - DAY)
    starts_today = signed(local_today, None)
    starts_tomorrow = signed(local_today + DAY, None)
    statuses = dict(Agreement.objects.with_status().values_list("pk", "status"))
    assert statuses == {
        ends_today.pk: Status.EXPIRING,
        ended_yesterday.pk: Status.EXPIRED,
        starts_today.pk: Status.ACTIVE,
        starts_tomorrow.pk: Status.NOT_STARTED,
    }


# --- Partner group -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("categories", "expected"),
    [
        ([PartnerCategory.PRIVATE, PartnerCategory.FOREIGN_ORG], PartnerGroup.FOREIGN),
        ([PartnerCategory.REGIONAL_GOV, PartnerCategory.FOREIGN_GOV], PartnerGroup.FOREIGN),
        ([PartnerCategory.UNIVERSITY, PartnerCategory.CENTRAL_GOV], PartnerGroup.GOVERNMENT),
        ([PartnerCategory.BUMN, PartnerCategory.REGIONAL_GOV], PartnerGroup.GOVERNMENT),
        ([PartnerCategory.BUMD, PartnerCategory.UNIVERSITY], PartnerGroup.UNIVERSITY),
        ([PartnerCategory.COMMUNITY, PartnerCategory.PRIVATE], PartnerGroup.ENTERPRISE),
        ([PartnerCategory.OTHER, PartnerCategory.BUMN], PartnerGroup.ENTERPRISE),
        ([PartnerCategory.COMMUNITY, PartnerCategory.OTHER], PartnerGroup.OTHER),
        ([PartnerCategory.CENTRAL_GOV], PartnerGroup.GOVERNMENT),
        ([PartnerCategory.UNIVERSITY], PartnerGroup.UNIVERSITY),
        ([PartnerCategory.BUMD], PartnerGroup.ENTERPRISE),
        ([PartnerCategory.FOREIGN_ORG], PartnerGroup.FOREIGN),
        ([PartnerCategory.COMMUNITY], PartnerGroup.OTHER),
    ],
)
def test_an_agreement_is_counted_in_its_strongest_partner_group(categories, expected):
    partners = [make_partner(category=category) for category in categories]
    agreement = make_agreement(partners=partners)
    other = make_agreement(partners=[make_partner(category=PartnerCategory.OTHER)])

    grouped = Agreement.objects.with_partner_group()
    assert grouped.get(pk=agreement.pk).partner_group == expected
    assert grouped.count() == 2
    ranked = Agreement.objects.filter(pk=agreement.pk).partner_group_ranks().get()
    assert group_of_rank(ranked["partner_group_rank"]) == expected
    members = set(Agreement.objects.in_partner_group(expected))
    assert agreement in members
    assert (other in members) == (expected == PartnerGroup.OTHER)


def test_partner_groups_of_several_agreements_count_each_agreement_once():
    government = make_partner(category=PartnerCategory.REGIONAL_GOV)
    university = make_partner(category=PartnerCategory.UNIVERSITY)
    company = make_partner(category=PartnerCategory.PRIVATE)
    make_agreement(partners=[government, university])
    make_agreement(partners=[university, company])
    make_agreement(partners=[company])
    make_agreement(partners=[government])

    counted = sorted(
        Agreement.objects.with_status().with_partner_group().values_list("partner_group", flat=True)
    )
    assert counted == sorted(
        [
            PartnerGroup.GOVERNMENT,
            PartnerGroup.UNIVERSITY,
            PartnerGroup.ENTERPRISE,
            PartnerGroup.GOVERNMENT,
        ]
    )
    assert Agreement.objects.in_partner_group(PartnerGroup.GOVERNMENT).count() == 2


def test_an_agreement_without_partners_is_counted_as_other():
    agreement = make_agreement(partners=[])
    assert Agreement.objects.with_partner_group().get(pk=agreement.pk).partner_group == (
        PartnerGroup.OTHER
    )
    ranked = Agreement.objects.filter(pk=agreement.pk).partner_group_ranks().get()
    assert group_of_rank(ranked["partner_group_rank"]) == PartnerGroup.OTHER

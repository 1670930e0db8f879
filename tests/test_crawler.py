"""Every admin page, as each role sees it, reads as a clerk writes: no ``None``, no enum
codes, no ISO timestamps, no Python reprs, no English, no server error."""

import pytest
from django.core.management import call_command

from agreements import roles
from agreements.admin import AgreementAdmin
from agreements.models import Agreement, Unit
from reports.choices import ReportStatus
from reports.models import Report
from tests.crawler import Crawl, raw_values
from tests.factories import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def register(media_root):
    """The demo register, with changes in its history (a verified report, a new value)."""
    call_command("load_demo", "--with-superuser", stdout=None)
    admin = make_user("kepala-seksi", role=roles.PENGELOLA)
    report = Report.objects.filter(status=ReportStatus.SUBMITTED).first()
    report.status = ReportStatus.VERIFIED
    report.stamp_status(admin)
    report._history_user = admin
    report.save()
    agreement = Agreement.objects.exclude(value=None).first()
    agreement.value += 5_000_000
    agreement.save()
    return admin


def role_user(register, role):
    from django.contrib.auth import get_user_model

    User = get_user_model()
    return {
        "superuser": lambda: User.objects.get(username="admin"),
        roles.PENGELOLA: lambda: register,
        roles.OPERATOR: lambda: User.objects.get(username="operator"),
        roles.PIMPINAN: lambda: User.objects.get(username="pimpinan"),
    }[role]()


@pytest.mark.parametrize("role", ["superuser", roles.PENGELOLA, roles.OPERATOR, roles.PIMPINAN])
def test_every_admin_page_reads_as_a_clerk_writes(register, role):
    crawl = Crawl(role_user(register, role)).crawl()

    assert not crawl.problems, "\n".join(crawl.problems)
    opened = [url for url, status in crawl.visited.items() if status == 200]
    assert len(opened) > 20, crawl.visited


def test_the_crawl_reaches_every_page_kind_of_the_register(register):
    crawl = Crawl(role_user(register, "superuser")).crawl()
    opened = [url for url, status in crawl.visited.items() if status == 200]

    for part in ("/change/", "/history/", "/add/", "/import/", "/export/", "?status="):
        assert any(part in url for url in opened), part


def test_a_raw_none_in_a_list_column_fails_the_crawl(register, monkeypatch):
    monkeypatch.setattr(AgreementAdmin, "partner_names", lambda self, obj: str(None))

    crawl = Crawl(role_user(register, "superuser")).crawl(only=[Agreement])

    assert any("None" in problem for problem in crawl.problems)


@pytest.mark.parametrize(
    "text",
    [
        "Status: SUBMITTED",
        "Diverifikasi pada: 2026-11-29 01:37:04.068301+00:00",
        "Deleted pengguna (pk=None)",
        "Report object (3)",
        "<agreements.models.Unit object at 0x7f>",
        "Change history: KS-2019-0001",
        "Dinas Pendidikan (lead)",
    ],
)
def test_the_detectors_see_raw_values(text):
    from tests.crawler import choice_codes

    assert raw_values(text, choice_codes())


def test_the_detectors_leave_clerks_text_alone():
    from tests.crawler import choice_codes

    text = "Diverifikasi pada: 29 Oktober 2019 14.05 · 180/020/PKS/Setda/2019 · Rp 95.000.000"
    assert raw_values(text, choice_codes()) == []
    assert Unit.objects.count() == 0

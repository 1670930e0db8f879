"""manage.py send_reminders: digests, once each, late rather than never."""

from datetime import date, timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command

from reports.models import SentReminder
from tests.factories import make_agreement, make_report, make_unit

pytestmark = pytest.mark.django_db

OFFICE = "kerjasama@example.org"


@pytest.fixture(autouse=True)
def reminder_settings(settings):
    settings.REMINDER_OFFICE_EMAILS = [OFFICE]
    settings.SITE_URL = "https://kerjasama.example.go.id"
    settings.REPORTING_SINCE = (2024, 1)


def run():
    out = StringIO()
    call_command("send_reminders", stdout=out)
    return out.getvalue()


def mails_to(address):
    return [message for message in mail.outbox if address in message.to]


@pytest.fixture
def lead():
    return make_unit("DPUPR", name="Dinas Pekerjaan Umum", email="dpupr@muaraenim.example")


def test_one_digest_per_recipient_in_indonesian_with_absolute_links(today, lead):
    today(date(2024, 7, 5))
    second = make_unit("DINKES", name="Dinas Kesehatan", email="dinkes@muaraenim.example")
    ending = make_agreement(
        units=[lead], start_date=date(2023, 1, 1), end_date=date(2024, 8, 4), title="Jalan desa"
    )
    make_agreement(units=[lead, second], start_date=date(2024, 1, 1), end_date=None)

    summary = run()

    assert len(mail.outbox) == 3  # the office, DPUPR, DINKES
    assert {tuple(message.to) for message in mail.outbox} == {
        (OFFICE,),
        ("dpupr@muaraenim.example",),
        ("dinkes@muaraenim.example",),
    }
    office = mails_to(OFFICE)[0]
    assert "4" in office.subject  # one ending, three reports due
    assert "Berakhir dalam 30 hari, pada 4 Agustus 2024." in office.body
    assert "Laporan yang jatuh tempo" in office.body
    change_url = f"https://kerjasama.example.go.id/admin/agreements/agreement/{ending.pk}/change/"
    assert change_url in office.body
    html, mimetype = office.alternatives[0]
    assert mimetype == "text/html"
    assert f'href="{change_url}"' in html
    assert "https://kerjasama.example.go.id/admin/reports/report/add/?agreement=" in html
    dinkes = mails_to("dinkes@muaraenim.example")[0]
    assert "Jalan desa" not in dinkes.body  # only its own obligation
    assert "Terkirim 3 e-mail" in summary


def test_a_second_run_the_same_day_sends_nothing(today, lead):
    today(date(2024, 7, 5))
    make_agreement(units=[lead], start_date=date(2023, 1, 1), end_date=date(2024, 8, 4))
    run()
    sent = len(mail.outbox)
    assert sent == 2

    summary = run()

    assert len(mail.outbox) == sent
    assert "Terkirim 0 e-mail" in summary


def test_each_milestone_once_as_days_pass(today, lead):
    agreement = make_agreement(units=[lead], start_date=date(2023, 1, 1), end_date=date(2025, 4, 1))
    day = date(2024, 12, 1)
    while day <= date(2025, 4, 5):
        today(day)
        run()
        day += timedelta(days=1)
    bodies = [m.body for m in mails_to("dpupr@muaraenim.example") if agreement.code in m.body]
    ending = [body for body in bodies if "Berakhir" in body or "Berakhir hari ini" in body]
    assert [b for b in bodies if "Berakhir dalam 90 hari" in b]
    assert [b for b in bodies if "Berakhir dalam 60 hari" in b]
    assert [b for b in bodies if "Berakhir dalam 30 hari" in b]
    assert [b for b in bodies if "Berakhir dalam 7 hari" in b]
    assert [b for b in bodies if "Berakhir hari ini" in b]
    assert len(ending) == 5


def test_after_a_week_of_downtime_each_missed_reminder_is_sent_once(today, lead):
    # 1 July 2024: the agreement ends on 2 August (32 days: the 60-day milestone).
    ending = make_agreement(units=[lead], start_date=date(2023, 1, 1), end_date=date(2024, 8, 2))
    today(date(2024, 6, 28))
    run()
    before = len(mails_to("dpupr@muaraenim.example"))
    assert before == 1

    # Down from 29 June to 12 July: the 30-day milestone (3 July) and the semester's end
    # (report due from 1 July) were missed.
    today(date(2024, 7, 12))
    run()
    catch_up = mails_to("dpupr@muaraenim.example")[before:]
    assert len(catch_up) == 1  # one digest
    body = catch_up[0].body
    assert "Berakhir dalam 21 hari" in body  # the days left now
    assert "Semester 1 2024: laporan paling lambat 15 Juli 2024." in body

    # Down again until 20 July: the report became overdue; the milestone was sent.
    today(date(2024, 7, 20))
    run()
    latest = mails_to("dpupr@muaraenim.example")[before + 1 :]
    assert len(latest) == 1
    assert "terlambat 5 hari" in latest[0].body
    assert ending.code in latest[0].body
    assert "Berakhir dalam" not in latest[0].body

    today(date(2024, 7, 21))
    run()
    assert len(mails_to("dpupr@muaraenim.example")) == before + 2


def test_several_milestones_missed_make_one_reminder_with_the_days_left_now(today, lead):
    make_agreement(units=[lead], start_date=date(2023, 1, 1), end_date=date(2024, 9, 1))
    today(date(2024, 5, 1))  # 123 days left: nothing yet
    run()
    assert mail.outbox == []
    today(date(2024, 8, 27))  # 5 days left: the 90, 60, 30 and 7-day milestones passed
    run()
    [message] = mails_to("dpupr@muaraenim.example")
    assert message.body.count("Berakhir dalam") == 1
    assert "Berakhir dalam 5 hari" in message.body


def test_an_end_missed_during_downtime_is_sent_late(today, lead):
    make_agreement(units=[lead], start_date=date(2023, 1, 1), end_date=date(2024, 9, 1))
    today(date(2024, 8, 30))
    run()
    today(date(2024, 9, 4))
    run()
    last = mails_to("dpupr@muaraenim.example")[-1]
    assert "Berakhir 3 hari yang lalu, pada 1 September 2024." in last.body


def test_handed_in_reports_are_not_reminded(today, lead):
    agreement = make_agreement(units=[lead], start_date=date(2024, 1, 1), end_date=None)
    make_report(agreement, lead, 2024, 1)
    today(date(2024, 7, 20))
    run()
    assert mail.outbox == []


def test_recipients_without_an_address_are_named_in_the_summary(today, settings):
    settings.REMINDER_OFFICE_EMAILS = []
    unit = make_unit("BAPPEDA", name="Bappeda", email="")
    make_agreement(units=[unit], start_date=date(2024, 1, 1), end_date=None)
    today(date(2024, 7, 20))

    summary = run()

    assert mail.outbox == []
    assert "Tidak ada alamat e-mail untuk Bappeda: 1 pengingat tidak terkirim." in summary
    assert "Tidak ada alamat e-mail untuk Bagian Kerja Sama" in summary
    assert not SentReminder.objects.exists()  # sent once an address is given

    unit.email = "bappeda@muaraenim.example"
    unit.save()
    run()
    assert len(mails_to("bappeda@muaraenim.example")) == 1


def test_a_failed_mail_is_not_recorded(today, lead, settings, monkeypatch):
    make_agreement(units=[lead], start_date=date(2024, 1, 1), end_date=None)
    today(date(2024, 7, 20))

    def refuse(*args, **kwargs):
        raise ConnectionRefusedError

    monkeypatch.setattr("django.core.mail.message.EmailMessage.send", refuse)
    with pytest.raises(ConnectionRefusedError):
        run()
    assert not SentReminder.objects.exists()
    monkeypatch.undo()
    today(date(2024, 7, 20))
    run()
    assert len(mail.outbox) == 2


def test_a_first_run_on_an_old_register_sends_no_wall_of_old_overdue_reports(today, lead, settings):
    settings.REPORTING_SINCE = (2019, 1)
    make_agreement(units=[lead], start_date=date(2019, 1, 1), end_date=None)
    today(date(2024, 7, 20))
    run()
    [message] = mails_to("dpupr@muaraenim.example")
    assert "Semester 1 2024" in message.body
    assert "Semester 2 2023" not in message.body

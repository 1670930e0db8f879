"""New agreements of a file are written together once every row is read and checked
(SpreadsheetResource.bulk_new_rows): what a row-by-row save gave must still hold —
codes by the counters' rule, one history entry with its links and its user, the
admin's log, later rows naming earlier new ones, numbers unique across the file."""

from datetime import date

import pytest
from django.contrib.admin.models import ADDITION, LogEntry
from django.utils.html import strip_tags

from agreements.models import Agreement, AgreementCodeCounter
from agreements.resources import AgreementResource
from core.spreadsheets.importing import import_file
from tests.factories import make_agreement, make_partner, make_unit
from tests.pages import admin_confirm, admin_upload
from tests.sheets import xlsx_bytes

HEADERS = [
    "Kode",
    "Nomor",
    "Judul",
    "Jenis Dokumen",
    "Skema",
    "Mitra",
    "Perangkat Daerah",
    "Tahap",
    "Tanggal Tanda Tangan",
    "Tanggal Mulai",
    "Induk",
]


def row(number, title, signed=None, parent="", units="BAPPEDA; DINKES", code=""):
    stage = "Ditandatangani" if signed else "Penjajakan"
    return [code, number, title, "PKS", "KSDPK", "Universitas Sriwijaya", units, stage] + [
        signed,
        signed,
        parent,
    ]


@pytest.fixture
def register(db):
    make_partner("Universitas Sriwijaya")
    make_unit("BAPPEDA", "Badan Perencanaan Pembangunan Daerah")
    make_unit("DINKES", "Dinas Kesehatan")


def run(rows, **kwargs):
    return import_file(AgreementResource(), xlsx_bytes([HEADERS, *rows]), "xlsx", **kwargs)


def test_codes_follow_the_counter_of_each_year_and_skip_codes_used_ahead(register):
    make_agreement(number="A/2019", signed_on=date(2019, 1, 2), start_date=date(2019, 1, 2))
    make_agreement(number="B/2019", signed_on=date(2019, 1, 3), start_date=date(2019, 1, 3))
    # A code typed ahead of the counter (by an older import, say) is not handed out again.
    Agreement.objects.create(
        code="KS-2019-0004", title="Lama", kind="PKS", scheme="KSDPK", stage="DRAFTING"
    )

    outcome = run(
        [
            row("1/2019", "Satu", date(2019, 5, 1)),
            row("2/2019", "Dua", date(2019, 6, 1)),
            row("1/2021", "Tiga", date(2021, 2, 1)),
        ]
    )

    assert outcome.ok, outcome.problems
    codes = dict(Agreement.objects.values_list("number", "code"))
    assert codes["1/2019"] == "KS-2019-0003"
    assert codes["2/2019"] == "KS-2019-0005"
    assert codes["1/2021"] == "KS-2021-0001"
    assert AgreementCodeCounter.objects.get(year=2019).last_number == 5
    # The next form save goes on from there.
    later = make_agreement(number="C/2019", signed_on=date(2019, 9, 1), start_date=date(2019, 9, 1))
    assert later.code == "KS-2019-0006"


def test_a_dry_run_hands_out_no_code(register):
    assert run([row("1/2019", "Satu", date(2019, 5, 1))], dry_run=True).ok
    assert not AgreementCodeCounter.objects.exists()
    assert run([row("1/2019", "Satu", date(2019, 5, 1))]).ok
    assert Agreement.objects.get().code == "KS-2019-0001"


def test_each_new_agreement_has_one_history_entry_with_its_links_and_the_clerk(
    register, clerk_client
):
    rows = [row("1/2019", "Satu", date(2019, 5, 1)), row("2/2019", "Dua", units="DINKES")]
    preview = admin_upload(clerk_client, xlsx_bytes([HEADERS, *rows]), "baru.xlsx")
    # The preview shows each new agreement with its code, partners and units.
    shown = [[strip_tags(cell) for cell in line.diff] for line in preview.context["result"].rows]
    assert shown[0][:1] == ["KS-2019-0001"]
    assert "Universitas Sriwijaya" in shown[0] and "BAPPEDA; DINKES" in shown[0]
    assert "DINKES" in shown[1]
    assert preview.context["result"].totals["new"] == 2

    assert admin_confirm(clerk_client, preview).status_code == 302

    for agreement in Agreement.objects.all():
        entries = list(agreement.history.all())
        assert [entry.history_type for entry in entries] == ["+"]
        entry = entries[0]
        assert entry.history_user == clerk_client.clerk
        assert entry.history_change_reason == "Impor spreadsheet"
        assert entry.code == agreement.code and entry.version == agreement.version == 1
        assert {p.partner_id for p in entry.partners.all()} == set(
            agreement.partners.values_list("pk", flat=True)
        )
        snapshot = {(link.unit_id, link.is_lead) for link in entry.units.all()}
        assert snapshot == set(agreement.agreement_units.values_list("unit_id", "is_lead"))
    first = Agreement.objects.get(number="1/2019")
    assert first.lead_unit.code == "BAPPEDA"
    logged = LogEntry.objects.filter(action_flag=ADDITION, user=clerk_client.clerk)
    assert sorted(int(entry.object_id) for entry in logged) == sorted(
        Agreement.objects.values_list("pk", flat=True)
    )


def test_a_later_row_names_an_earlier_new_agreement_as_its_parent(register):
    outcome = run(
        [
            row("kb/001", "Kesepakatan induk", date(2019, 5, 1)),
            # Written in other capitals, the number still finds it; so does a grandchild.
            row("PKS/001", "Pelaksanaan", date(2019, 6, 1), parent="KB/001"),
            row("ADD/001", "Adendum", date(2019, 7, 1), parent="PKS/001"),
        ]
    )

    assert outcome.ok, outcome.problems
    pks = Agreement.objects.get(number="PKS/001")
    assert pks.parent.number == "kb/001"
    assert Agreement.objects.get(number="ADD/001").parent == pks
    assert pks.history.get().parent_id == pks.parent_id


def test_a_parent_named_before_it_is_written_in_the_file_is_unknown(register):
    outcome = run(
        [
            row("PKS/001", "Pelaksanaan", date(2019, 6, 1), parent="KB/001"),
            row("KB/001", "Kesepakatan induk", date(2019, 5, 1)),
        ]
    )

    assert [(p.row, p.column) for p in outcome.problems] == [(2, "Induk")]
    assert not Agreement.objects.exists()


@pytest.mark.parametrize("update_first", [True, False], ids=["update-first", "new-first"])
def test_one_number_given_by_a_new_row_and_an_updated_one_is_refused(register, update_first):
    existing = make_agreement(number="LAMA/1")
    update = row("BARU/1", "Ubah nomor", code=existing.code)
    new = row("BARU/1", "Baru")
    rows = [update, new] if update_first else [new, update]

    outcome = run(rows)

    assert [(p.row, p.column) for p in outcome.problems] == [(3, "Nomor")]
    assert "baris 2" in outcome.problems[0].message
    assert Agreement.objects.get().number == "LAMA/1"

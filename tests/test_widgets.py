"""The widgets read what clerks actually type (README) and write clean values back."""

from datetime import date, datetime
from decimal import Decimal

import pytest

from agreements.choices import AgreementKind, Funding, PartnerCategory, Scheme, Stage
from agreements.models import Partner, Sector, Unit
from core.spreadsheets.widgets import (
    BooleanWidget,
    ChoiceWidget,
    DateWidget,
    MoneyWidget,
    NamedListWidget,
    TextWidget,
    WholeNumberWidget,
)
from reports.choices import Semester
from tests.factories import make_partner, make_unit


@pytest.mark.parametrize(
    "typed",
    [
        datetime(2019, 10, 29, 0, 0),
        date(2019, 10, 29),
        43767,  # Excel's serial day number
        43767.0,
        "2019-10-29",
        "2019-10-29 00:00:00",
        "29/10/2019",
        "29-10-2019",
        "29.10.2019",
        " 29/10/19 ",
        "29 Oktober 2019",
        "29 oktober 2019",
        "29 Okt 2019",
        "29 okt. 2019",
        "29-Okt-2019",
        "29 October 2019",
    ],
)
def test_dates_in_every_form_clerks_write(typed):
    assert DateWidget().clean(typed) == date(2019, 10, 29)


def test_numeric_dates_are_day_first():
    assert DateWidget().clean("02/01/2024") == date(2024, 1, 2)


@pytest.mark.parametrize("typed", ["31/02/2019", "30 Februari 2019", "2019-13-01"])
def test_impossible_dates_are_refused(typed):
    with pytest.raises(ValueError, match=typed):
        DateWidget().clean(typed)


@pytest.mark.parametrize("typed", ["besok", "29 Okto 2019", "2019/10", -5, True])
def test_text_that_is_not_a_date_is_refused(typed):
    with pytest.raises(ValueError):
        DateWidget().clean(typed)


def test_blank_dates_are_empty():
    assert DateWidget().clean(None) is None
    assert DateWidget().clean("  ") is None


def test_dates_are_written_back_as_real_dates():
    assert DateWidget().render(date(2019, 10, 29), force_native_type=True) == date(2019, 10, 29)
    assert DateWidget().render(None, force_native_type=True) is None


@pytest.mark.parametrize(
    ("typed", "amount"),
    [
        (1500000, Decimal("1500000")),
        (1500000.0, Decimal("1500000")),
        (1500000.5, Decimal("1500000.5")),
        ("1500000", Decimal("1500000")),
        ("Rp 1.500.000", Decimal("1500000")),
        ("Rp1.500.000", Decimal("1500000")),
        ("Rp. 1.500.000,-", Decimal("1500000")),
        ("1.500.000,00", Decimal("1500000")),
        ("1.500.000,50", Decimal("1500000.50")),
        ("IDR 2.750.000", Decimal("2750000")),
        ("1,500,000.25", Decimal("1500000.25")),
        ("1.500", Decimal("1500")),
        ("1500,5", Decimal("1500.5")),
        ("1 500 000", Decimal("1500000")),
    ],
)
def test_rupiah_in_every_form(typed, amount):
    assert MoneyWidget().clean(typed) == amount


@pytest.mark.parametrize("typed", ["satu juta", "Rp", "1.5.0,0,0", True])
def test_text_that_is_not_an_amount_is_refused(typed):
    with pytest.raises(ValueError):
        MoneyWidget().clean(typed)


def test_money_is_written_back_as_a_number():
    value = MoneyWidget().render(Decimal("1500000.00"), force_native_type=True)
    assert value == 1500000
    assert isinstance(value, Decimal)


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("PKS", AgreementKind.PKS),
        ("pks", AgreementKind.PKS),
        ("Kesepakatan Bersama", AgreementKind.KB),
        ("  kesepakatan   BERSAMA ", AgreementKind.KB),
        ("memorandum of understanding", AgreementKind.MOU),
    ],
)
def test_choices_by_label_or_code_in_any_case_and_spacing(typed, code):
    assert ChoiceWidget(AgreementKind).clean(typed) == code


@pytest.mark.parametrize(
    ("choices", "typed", "code"),
    [
        (AgreementKind, "perjanjian kerjasama", AgreementKind.PKS),
        (AgreementKind, "Perjanjian Kerja-Sama", AgreementKind.PKS),
        (Funding, "mitra / pihak ketiga", Funding.PARTNER),
        (Stage, "di tandatangani", Stage.SIGNED),
    ],
)
def test_choices_ignore_spaces_and_punctuation_inside_words(choices, typed, code):
    assert ChoiceWidget(choices).clean(typed) == code


def test_a_mistyped_choice_suggests_the_closest_label():
    with pytest.raises(ValueError) as error:
        ChoiceWidget(Stage).clean("ditandatangan")
    assert "Ditandatangani" in str(error.value).split("?")[0].rsplit("“", 1)[-1]


def test_a_label_with_an_abbreviation_is_found_by_either_part():
    widget = ChoiceWidget(PartnerCategory)
    assert widget.clean("bums") == PartnerCategory.PRIVATE
    assert widget.clean(PartnerCategory.PRIVATE.label) == PartnerCategory.PRIVATE
    assert widget.clean("university") == PartnerCategory.UNIVERSITY


@pytest.mark.parametrize(
    ("choices", "typed", "code"),
    [
        (PartnerCategory, "perguruan tinggi", PartnerCategory.UNIVERSITY),
        (PartnerCategory, "Badan Usaha Swasta (BUMS)", PartnerCategory.PRIVATE),
        (PartnerCategory, "pemerintah daerah luar negeri", PartnerCategory.FOREIGN_GOV),
        (Stage, "Ditandatangani", Stage.SIGNED),
        (Stage, "penjajakan", Stage.EXPLORATION),
        (Funding, "Mitra/Pihak Ketiga", Funding.PARTNER),
        (Funding, "tanpa pembiayaan", Funding.NONE),
        (Scheme, "Sinergi Pusat dan Daerah", Scheme.SINERGI),
    ],
)
def test_the_indonesian_labels_of_spec_are_accepted(choices, typed, code):
    assert ChoiceWidget(choices).clean(typed) == code


def test_labels_are_written_in_indonesian():
    assert ChoiceWidget(PartnerCategory).render(PartnerCategory.UNIVERSITY) == "Perguruan Tinggi"
    assert ChoiceWidget(Stage).render(Stage.SIGNED) == "Ditandatangani"


@pytest.mark.parametrize("typed", [1, 1.0, "1", " 1 ", "Semester 1"])
def test_semester_by_number(typed):
    assert ChoiceWidget(Semester, render_code=True).clean(typed) == Semester.FIRST


def test_an_unknown_choice_lists_the_allowed_ones():
    with pytest.raises(ValueError) as error:
        ChoiceWidget(Stage).clean("selesai")
    assert "selesai" in str(error.value)
    assert str(Stage.SIGNED.label) in str(error.value)


def test_choices_are_written_back_as_labels():
    assert ChoiceWidget(Stage).render(Stage.SIGNED) == str(Stage.SIGNED.label)
    assert ChoiceWidget(Semester, render_code=True).render(2, force_native_type=True) == 2


@pytest.mark.parametrize("typed", ["Ya", "ya ", "Y", "1", 1, "TRUE", "true", True])
def test_yes(typed):
    assert BooleanWidget().clean(typed) is True


@pytest.mark.parametrize("typed", ["Tidak", "tidak", "T", "0", 0, "FALSE", False])
def test_no(typed):
    assert BooleanWidget().clean(typed) is False


def test_yes_no_written_back_as_ya_tidak():
    assert BooleanWidget().render(True) == "Ya"
    assert BooleanWidget().render(False, force_native_type=True) == "Tidak"
    with pytest.raises(ValueError):
        BooleanWidget().clean("mungkin")


@pytest.mark.parametrize(
    ("typed", "clean"),
    [
        ("  Perihal kerja sama  ", "Perihal kerja sama"),
        ("'=SUM(A1:A3)", "=SUM(A1:A3)"),
        ("'+62 711 123", "+62 711 123"),
        ("'-", "-"),
        ("'@mitra", "@mitra"),
        ("'Aisyiyah", "'Aisyiyah"),  # a real apostrophe stays
        (119.0, "119"),
        (None, ""),
    ],
)
def test_text_is_trimmed_and_the_formula_apostrophe_removed(typed, clean):
    assert TextWidget().clean(typed) == clean


def test_codes_fold_case_and_spaces():
    assert TextWidget(fold_spaces=True, upper=True).clean(" dinas  kes ") == "DINAS KES"


def test_whole_numbers():
    widget = WholeNumberWidget()
    assert widget.clean(2019) == 2019
    assert widget.clean(2019.0) == 2019
    assert widget.clean(" 2019 ") == 2019
    with pytest.raises(ValueError):
        widget.clean("2019,5")


@pytest.mark.django_db
def test_lists_of_names_in_any_case_and_spacing_keep_their_order():
    unsri = make_partner("Universitas Sriwijaya")
    ui = make_partner("Universitas Indonesia")
    widget = NamedListWidget(Partner)
    assert widget.clean("universitas  indonesia; UNIVERSITAS SRIWIJAYA") == [ui, unsri]
    assert widget.clean("Universitas Sriwijaya\nUniversitas Indonesia;") == [unsri, ui]
    assert widget.clean("Universitas Sriwijaya; universitas sriwijaya") == [unsri]
    assert widget.clean("") == []


@pytest.mark.django_db
def test_an_unknown_name_suggests_the_closest_existing_one():
    make_partner("Universitas Sriwijaya")
    with pytest.raises(ValueError) as error:
        NamedListWidget(Partner).clean("Universitas Sriwijya")
    assert "Universitas Sriwijya" in str(error.value)
    assert "“Universitas Sriwijaya”" in str(error.value)


@pytest.mark.django_db
def test_every_unknown_name_of_a_cell_is_listed():
    with pytest.raises(ValueError) as error:
        NamedListWidget(Sector).clean("Pendidkan; Kesehatan; Pariwisatta")
    message = str(error.value)
    assert "“Pendidikan”" in message
    assert "“Pariwisata”" in message


@pytest.mark.django_db
def test_units_by_code_or_name_written_back_as_codes():
    dinkes = make_unit("DINKES", "Dinas Kesehatan")
    bappeda = make_unit("BAPPEDA", "Badan Perencanaan Pembangunan Daerah")
    widget = NamedListWidget(Unit, keys=("code", "name"), render_field="code")
    assert widget.clean("dinkes; badan perencanaan pembangunan daerah") == [dinkes, bappeda]
    assert widget.render([dinkes, bappeda]) == "DINKES; BAPPEDA"


@pytest.mark.django_db
def test_a_name_shared_by_two_units_asks_for_the_code():
    make_unit("DISDIK", "Dinas Pendidikan")
    make_unit("DISDIK2", "Dinas Pendidikan")
    widget = NamedListWidget(Unit, keys=("code", "name"))
    with pytest.raises(ValueError):
        widget.clean("Dinas Pendidikan")
    assert widget.clean("disdik2")[0].code == "DISDIK2"

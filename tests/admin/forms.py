"""The POST data of admin forms, as the browser sends them."""

from agreements.choices import AgreementKind, Scheme, Stage


def agreement_form_data(partners, units=(), leads=(), documents=(), **fields):
    """The POST of the agreement add form, as the browser sends it."""
    data = {
        "title": "Pengembangan sumber daya manusia",
        "kind": AgreementKind.PKS,
        "scheme": Scheme.KSDPK,
        "stage": Stage.SIGNED,
        "signed_on": "29-10-2019",
        "start_date": "29-10-2019",
        "end_date": "28-10-2024",
        "partners": [partner.pk for partner in partners],
        "number": "",
        "partner_number": "",
        "parent": "",
        "funding": "",
        "value": "",
        "dprd_approved_on": "",
        "scope": "",
        "notes": "",
        "agreement_units-TOTAL_FORMS": str(len(units)),
        "agreement_units-INITIAL_FORMS": "0",
        "agreement_units-MIN_NUM_FORMS": "0",
        "agreement_units-MAX_NUM_FORMS": "1000",
        "documents-TOTAL_FORMS": str(len(documents)),
        "documents-INITIAL_FORMS": "0",
        "documents-MIN_NUM_FORMS": "0",
        "documents-MAX_NUM_FORMS": "1000",
    }
    for index, unit in enumerate(units):
        data[f"agreement_units-{index}-unit"] = unit.pk
        if unit in leads:
            data[f"agreement_units-{index}-is_lead"] = "on"
    for index, upload in enumerate(documents):
        data[f"documents-{index}-kind"] = "SIGNED"
        data[f"documents-{index}-title"] = ""
        data[f"documents-{index}-file"] = upload
    data.update(fields)
    return data

"""The POST data of admin forms, as the browser sends them."""

from django import forms

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


def _field_data(form, data):
    for bound in form:
        widget = bound.field.widget
        value = bound.value()
        if isinstance(bound.field, forms.FileField):
            continue  # unchanged: the stored file stays
        if isinstance(widget, forms.CheckboxInput):
            if value:
                data[bound.html_name] = "on"
            continue
        if value is None:
            data[bound.html_name] = ""
        elif isinstance(value, (list, tuple)):
            data[bound.html_name] = [str(getattr(item, "pk", item)) for item in value]
        else:
            formatted = widget.format_value(value)
            if isinstance(formatted, list):  # a select: the chosen value(s)
                data[bound.html_name] = formatted
            else:
                data[bound.html_name] = "" if formatted is None else str(formatted)


def page_data(response):
    """The data of the change or add page in ``response``: its form and inline forms."""
    context = response.context
    data = {}
    _field_data(context["adminform"].form, data)
    for inline in context.get("inline_admin_formsets", []):
        formset = inline.formset
        _field_data(formset.management_form, data)
        for form in formset.initial_forms:
            _field_data(form, data)
        data[formset.management_form.add_prefix("TOTAL_FORMS")] = str(len(formset.initial_forms))
    return data

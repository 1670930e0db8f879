"""Forms of the register beyond what the admin builds by itself."""

from django.utils.translation import gettext_lazy as _

from agreements.choices import Scheme, suggest_scheme
from agreements.models import Agreement
from core.locking import VersionedModelForm


class AgreementForm(VersionedModelForm):
    """The agreement form: a scheme left empty is taken from the partners' categories
    (``suggest_scheme``); a scheme chosen against them is kept, with a warning. A save
    over changes made since the form was opened is refused (core.locking)."""

    class Meta:
        model = Agreement
        fields = [
            "title",
            "kind",
            "number",
            "partner_number",
            "parent",
            "partners",
            "scheme",
            "sectors",
            "objectives",
            "stage",
            "signed_on",
            "start_date",
            "end_date",
            "funding",
            "value",
            "needs_dprd_approval",
            "dprd_approved_on",
            "scope",
            "notes",
            "is_public",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "scheme" in self.fields:
            self.fields["scheme"].required = False
            self.fields["scheme"].help_text = _(
                "Leave empty to use the scheme the partners suggest."
            )

    def clean(self):
        cleaned_data = super().clean()
        if "scheme" in self.fields and not cleaned_data.get("scheme"):
            partners = cleaned_data.get("partners") or []
            suggested = suggest_scheme(partner.category for partner in partners)
            if suggested:
                cleaned_data["scheme"] = Scheme(suggested).value
            elif "partners" not in self.errors:
                self.add_error("scheme", _("Choose the scheme of this agreement."))
        return cleaned_data

"""What the public may see of an agreement: the only fields the catalogue shows.

Left out on purpose: the partner's own document number, notes, funding and value,
DPRD approval, objectives, documents, reports and anything about people.
"""

from django.db.models import Prefetch
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from agreements.choices import AgreementKind, PartnerGroup, Scheme, Status
from agreements.models import Agreement, AgreementUnit, Partner, Sector


def public_agreements():
    """Every agreement marked public, with its status and partner group, and the
    partners, units and affairs a row shows prefetched (a fixed number of queries)."""
    return (
        Agreement.objects.filter(is_public=True)
        .with_status()
        .with_partner_group()
        .prefetch_related(
            Prefetch("partners", queryset=Partner.objects.only("pk", "name").order_by("name")),
            Prefetch(
                "agreement_units",
                queryset=AgreementUnit.objects.select_related("unit").order_by(
                    "-is_lead", "unit__name"
                ),
            ),
            Prefetch("sectors", queryset=Sector.objects.order_by("name")),
        )
        .order_by("-signed_on", "-code")
    )


def _field(name):
    """A column named like the agreement's own field (one translation for both)."""
    return capfirst(Agreement._meta.get_field(name).verbose_name)


def _names(items):
    return "; ".join(str(item) for item in items)


def _label(choices, value):
    return choices(value).label if value else ""


# (header, value of an agreement) in the order of the page and the downloads; the
# title comes first, as the heading of each entry on the page.
PUBLIC_COLUMNS = [
    (_field("title"), lambda a: a.title),
    (_field("code"), lambda a: a.code),
    (_field("number"), lambda a: a.number),
    (_field("kind"), lambda a: _label(AgreementKind, a.kind)),
    (_field("scheme"), lambda a: _label(Scheme, a.scheme)),
    (_field("partners"), lambda a: _names(p.name for p in a.partners.all())),
    (capfirst(_("partner group")), lambda a: _label(PartnerGroup, a.partner_group)),
    (_field("units"), lambda a: _names(link.unit.name for link in a.agreement_units.all())),
    (_field("sectors"), lambda a: _names(a.sectors.all())),
    (_field("signed_on"), lambda a: a.signed_on),
    (_field("start_date"), lambda a: a.start_date),
    (_field("end_date"), lambda a: a.end_date),
    (capfirst(_("status")), lambda a: _label(Status, a.status)),
    (_field("scope"), lambda a: a.scope),
]


def public_rows(agreements):
    """The header, then one row of public values per agreement, chunk by chunk."""
    yield [str(header) for header, _value in PUBLIC_COLUMNS]
    for agreement in agreements.iterator(chunk_size=500):
        yield [value(agreement) for _header, value in PUBLIC_COLUMNS]

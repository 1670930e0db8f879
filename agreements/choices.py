"""Every choice of the register, declared once with its Indonesian label.

Models, admin filters, spreadsheets, the catalogue and the recap all read these; the
partner-group mapping and the scheme suggestion sit beside the categories they map.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PartnerCategory(models.TextChoices):
    REGIONAL_GOV = "REGIONAL_GOV", _("Regional government")
    CENTRAL_GOV = "CENTRAL_GOV", _("Ministry/agency")
    UNIVERSITY = "UNIVERSITY", _("University")
    BUMN = "BUMN", _("BUMN")
    BUMD = "BUMD", _("BUMD")
    PRIVATE = "PRIVATE", _("Private enterprise (BUMS)")
    COMMUNITY = "COMMUNITY", _("Civil society/NGO/community")
    FOREIGN_GOV = "FOREIGN_GOV", _("Foreign regional government")
    FOREIGN_ORG = "FOREIGN_ORG", _("Foreign institution")
    OTHER = "OTHER", _("Other")


class PartnerGroup(models.TextChoices):
    """The groups the recap counts by (docs/definitions.md)."""

    GOVERNMENT = "GOVERNMENT", _("Inter-governmental")
    UNIVERSITY = "UNIVERSITY", _("University")
    ENTERPRISE = "ENTERPRISE", _("BUMN/BUMS/BUMD")
    FOREIGN = "FOREIGN", _("Foreign")
    OTHER = "OTHER", _("Other")


# Colours of the groups in the dashboard's charts, beside the values they colour; dark
# and light alternate so that neighbouring segments stay apart on a grey print.
GROUP_COLOURS = {
    PartnerGroup.GOVERNMENT: "#1f4e79",
    PartnerGroup.UNIVERSITY: "#9dc3e6",
    PartnerGroup.ENTERPRISE: "#c55a11",
    PartnerGroup.FOREIGN: "#f4b183",
    PartnerGroup.OTHER: "#7f7f7f",
}

CATEGORY_GROUP = {
    PartnerCategory.REGIONAL_GOV: PartnerGroup.GOVERNMENT,
    PartnerCategory.CENTRAL_GOV: PartnerGroup.GOVERNMENT,
    PartnerCategory.UNIVERSITY: PartnerGroup.UNIVERSITY,
    PartnerCategory.BUMN: PartnerGroup.ENTERPRISE,
    PartnerCategory.BUMD: PartnerGroup.ENTERPRISE,
    PartnerCategory.PRIVATE: PartnerGroup.ENTERPRISE,
    PartnerCategory.COMMUNITY: PartnerGroup.OTHER,
    PartnerCategory.FOREIGN_GOV: PartnerGroup.FOREIGN,
    PartnerCategory.FOREIGN_ORG: PartnerGroup.FOREIGN,
    PartnerCategory.OTHER: PartnerGroup.OTHER,
}

# An agreement with partners of several groups is counted once, in the first group of
# this list that one of its partners belongs to (a joint MoU with a ministry and a
# university is an inter-governmental one).
GROUP_PRECEDENCE = [
    PartnerGroup.FOREIGN,
    PartnerGroup.GOVERNMENT,
    PartnerGroup.UNIVERSITY,
    PartnerGroup.ENTERPRISE,
    PartnerGroup.OTHER,
]


def categories_of_group(group):
    """The partner categories that make up a recap group."""
    return [category for category, g in CATEGORY_GROUP.items() if g == group]


class AgreementKind(models.TextChoices):
    KB = "KB", _("Kesepakatan Bersama")
    NK = "NK", _("Nota Kesepakatan")
    MOU = "MOU", _("Memorandum of Understanding")
    PKS = "PKS", _("Perjanjian Kerja Sama")
    PT = "PT", _("Perjanjian Teknis")
    ADD = "ADD", _("Adendum")
    LOI = "LOI", _("Letter of Intent")


# Framework documents that a PKS/PT implements.
FRAMEWORK_KINDS = {AgreementKind.KB, AgreementKind.NK, AgreementKind.MOU, AgreementKind.LOI}


class Scheme(models.TextChoices):
    """Legal schemes of PP 28/2018, Permendagri 22/2020 and 25/2020."""

    KSDD = "KSDD", _("Kerja Sama Daerah dengan Daerah Lain")
    KSDPK = "KSDPK", _("Kerja Sama Daerah dengan Pihak Ketiga")
    SINERGI = "SINERGI", _("Sinergi Pusat dan Daerah")
    KSDPL = "KSDPL", _("Kerja Sama Daerah dengan Pemerintah Daerah di Luar Negeri")
    KSDLL = "KSDLL", _("Kerja Sama Daerah dengan Lembaga di Luar Negeri")


# Which scheme a partner category points to, strongest first: one foreign partner makes
# the agreement a foreign one, a ministry makes it a central–regional synergy.
_SCHEME_BY_CATEGORY = [
    ({PartnerCategory.FOREIGN_GOV}, Scheme.KSDPL),
    ({PartnerCategory.FOREIGN_ORG}, Scheme.KSDLL),
    ({PartnerCategory.CENTRAL_GOV}, Scheme.SINERGI),
    ({PartnerCategory.REGIONAL_GOV}, Scheme.KSDD),
]


def suggest_scheme(categories):
    """The legal scheme that the partners' categories suggest, or None without partners."""
    categories = set(categories)
    if not categories:
        return None
    for matching, scheme in _SCHEME_BY_CATEGORY:
        if categories & matching:
            return scheme
    return Scheme.KSDPK


class Stage(models.TextChoices):
    EXPLORATION = "EXPLORATION", _("Exploration")
    DRAFTING = "DRAFTING", _("Drafting")
    SIGNED = "SIGNED", _("Signed")
    TERMINATED = "TERMINATED", _("Terminated")
    CANCELLED = "CANCELLED", _("Cancelled")


class Status(models.TextChoices):
    """The derived status (never stored): see ``AgreementQuerySet.with_status``."""

    EXPLORATION = "EXPLORATION", _("Exploration")
    DRAFTING = "DRAFTING", _("Drafting")
    NOT_STARTED = "NOT_STARTED", _("Not yet in force")
    ACTIVE = "ACTIVE", _("In force")
    EXPIRING = "EXPIRING", _("Expiring soon")
    EXPIRED = "EXPIRED", _("Expired")
    TERMINATED = "TERMINATED", _("Terminated")
    CANCELLED = "CANCELLED", _("Cancelled")


# Badge colours of the admin, beside the values they colour.
STATUS_COLOURS = {
    Status.EXPLORATION: "#6c757d",
    Status.DRAFTING: "#0d6efd",
    Status.NOT_STARTED: "#6f42c1",
    Status.ACTIVE: "#198754",
    Status.EXPIRING: "#fd7e14",
    Status.EXPIRED: "#dc3545",
    Status.TERMINATED: "#343a40",
    Status.CANCELLED: "#adb5bd",
}

# Statuses in which an agreement binds the parties (reports are due, it can expire).
IN_FORCE_STATUSES = {Status.ACTIVE, Status.EXPIRING}


class Funding(models.TextChoices):
    APBD = "APBD", _("APBD")
    APBN = "APBN", _("APBN")
    PARTNER = "PARTNER", _("Partner/third party")
    SHARED = "SHARED", _("Shared by the parties")
    NONE = "NONE", _("No funding")


class DocumentKind(models.TextChoices):
    SIGNED = "SIGNED", _("Signed scan")
    DRAFT = "DRAFT", _("Draft")
    ADDENDUM = "ADDENDUM", _("Addendum")
    OTHER = "OTHER", _("Other")


class ParticipantInstitution(models.TextChoices):
    REGENCY = "REGENCY", _("Regency government")
    DPRD = "DPRD", _("DPRD")
    OTHER = "OTHER", _("Other")

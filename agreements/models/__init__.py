"""The register: units, partners, agreements and foreign visits."""

from .agreement import (
    Agreement,
    AgreementCodeCounter,
    AgreementDocument,
    AgreementUnit,
    CodeBook,
)
from .lookups import Objective, Sector, Unit, UnitMembership
from .partner import Partner
from .partner_group import AgreementGroup
from .protection import REFERRED_BY_AGREEMENTS  # noqa: F401  (connects the delete guard)
from .visit import ForeignVisit, VisitDocument, VisitParticipant

__all__ = [
    "Agreement",
    "AgreementCodeCounter",
    "CodeBook",
    "AgreementDocument",
    "AgreementGroup",
    "AgreementUnit",
    "ForeignVisit",
    "Objective",
    "Partner",
    "Sector",
    "Unit",
    "UnitMembership",
    "VisitDocument",
    "VisitParticipant",
]

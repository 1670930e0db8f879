"""The register: units, partners, agreements and foreign visits."""

from .agreement import Agreement, AgreementCodeCounter, AgreementDocument, AgreementUnit
from .lookups import Objective, Sector, Unit, UnitMembership
from .partner import Partner
from .visit import ForeignVisit, VisitDocument, VisitParticipant

__all__ = [
    "Agreement",
    "AgreementCodeCounter",
    "AgreementDocument",
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

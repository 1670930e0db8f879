"""The clerks' workspace for the register: one module per area, registered on import."""

from .agreements import AgreementAdmin, AgreementDocumentAdmin, AgreementUnitAdmin
from .lookups import ObjectiveAdmin, SectorAdmin, UnitAdmin
from .partners import PartnerAdmin
from .users import UnitMembershipAdmin, UserAdmin
from .visits import ForeignVisitAdmin, VisitDocumentAdmin, VisitParticipantAdmin

__all__ = [
    "AgreementAdmin",
    "AgreementDocumentAdmin",
    "AgreementUnitAdmin",
    "ForeignVisitAdmin",
    "ObjectiveAdmin",
    "PartnerAdmin",
    "SectorAdmin",
    "UnitAdmin",
    "UnitMembershipAdmin",
    "UserAdmin",
    "VisitDocumentAdmin",
    "VisitParticipantAdmin",
]

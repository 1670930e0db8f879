"""Who sees which part of the register, decided in one place.

The office (Pengelola) and the leaders (Pimpinan) see everything; an Operator OPD sees
what concerns their own unit; anybody else sees nothing. The querysets' ``visible_to``
methods turn this scope into a filter, and every admin, export and download goes
through them.
"""

from django.db import models

from agreements.roles import PENGELOLA, PIMPINAN

EVERYTHING = "everything"
WHOLE_REGISTER_ROLES = (PENGELOLA, PIMPINAN)


def unit_scope(user):
    """``EVERYTHING``, the id of the one unit the user's view is limited to, or None."""
    if not user.is_authenticated or not user.is_active:
        return None
    if user.is_superuser or user.groups.filter(name__in=WHOLE_REGISTER_ROLES).exists():
        return EVERYTHING
    return getattr(getattr(user, "unit_membership", None), "unit_id", None)


class UnitScopedQuerySet(models.QuerySet):
    """A queryset whose ``visible_to(user)`` follows ``unit_scope``: everything for the
    office and leaders, nothing for a user without a role, and for an Operator OPD what
    ``of_unit`` keeps."""

    def of_unit(self, unit_id):
        raise NotImplementedError

    def visible_to(self, user):
        scope = unit_scope(user)
        if scope == EVERYTHING:
            return self
        if scope is None:
            return self.none()
        return self.of_unit(scope)

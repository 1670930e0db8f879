"""Who sees which part of the register, decided in one place.

The office (Pengelola) and the leaders (Pimpinan) see everything; an Operator OPD sees
what concerns their own unit; anybody else sees nothing. The querysets' ``visible_to``
methods turn this scope into a filter, and every admin, export and download goes
through them.
"""

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

"""Rows that agreements refer to through a plain many-to-many cannot be deleted in use.

Django empties such link tables silently on delete: deleting a partner would leave its
agreements without that partner and without a trace. Units are protected by their
foreign keys (PROTECT); partners, government affairs and objectives by this check.
"""

from django.db.models import ProtectedError
from django.db.models.signals import pre_delete
from django.dispatch import receiver
from django.utils.translation import gettext as _

from .lookups import Objective, Sector
from .partner import Partner

REFERRED_BY_AGREEMENTS = (Partner, Sector, Objective)


def agreements_using(instance):
    """The agreements that would lose ``instance`` if it were deleted."""
    return instance.agreements.all()


@receiver(pre_delete, dispatch_uid="agreements.refuse_delete_in_use")
def refuse_delete_in_use(sender, instance, **kwargs):
    if sender not in REFERRED_BY_AGREEMENTS:
        return
    using = agreements_using(instance)
    if using.exists():
        raise ProtectedError(
            _("“%(object)s” cannot be deleted: %(count)d agreements refer to it.")
            % {"object": instance, "count": using.count()},
            set(using),
        )

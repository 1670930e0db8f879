from django.db import models
from django.utils.translation import gettext_lazy as _

from core.kept_tables import KeptRowKey


class AgreementGroup(models.Model):
    """The recap group an agreement is counted in, as its position in
    ``GROUP_PRECEDENCE`` (``rank``; ``agreements.querysets.group_of_rank``): a row per
    agreement with partners, kept by database triggers on every write to the
    agreements' partners and the partners' categories, in the same transaction
    (``agreements.partner_groups``). Django never writes it: read it in queries only.
    An agreement without partners has no row (counted as "other").

    The recap's table by year and group, the list's group filter, the catalogue and the
    export read the group here instead of sorting each agreement's partners
    (docs/performance.md).
    """

    agreement = KeptRowKey(
        "agreements.Agreement",
        on_delete=models.DO_NOTHING,  # the triggers delete the row with its links
        primary_key=True,
        db_constraint=False,
        related_name="kept_group",
        verbose_name=_("agreement"),
    )
    rank = models.PositiveSmallIntegerField(_("partner group rank"))

    # Derived from other rows: no backup holds them, a restore writes them again
    # (core.backup, core.kept_tables).
    derived_rows = True

    class Meta:
        verbose_name = _("agreement's partner group")
        verbose_name_plural = _("agreements' partner groups")

    def __str__(self):
        return f"{self.agreement_id}: {self.rank}"

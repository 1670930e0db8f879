"""Small registers the agreements refer to: our units, government affairs, objectives."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from agreements.visibility import UnitScopedQuerySet
from core.naming import clean_spaces


class UnitQuerySet(UnitScopedQuerySet):
    def get_by_natural_key(self, code):
        return self.get(code=code)

    def of_unit(self, unit_id):
        """The units a user acts for: an Operator OPD's own unit only."""
        return self.filter(pk=unit_id)


class Unit(models.Model):
    """A regional government unit of our own regency (Perangkat Daerah, OPD)."""

    code = models.CharField(
        _("code"),
        max_length=30,
        unique=True,
        help_text=_("Short unique code in capitals, e.g. BAPPEDA."),
    )
    name = models.CharField(_("name"), max_length=255)
    email = models.EmailField(_("email"), blank=True, help_text=_("Receives reminders."))
    is_active = models.BooleanField(_("active"), default=True)

    history = HistoricalRecords()
    objects = UnitQuerySet.as_manager()

    class Meta:
        verbose_name = _("regional unit (OPD)")
        verbose_name_plural = _("regional units (OPD)")
        ordering = ["name"]
        permissions = [
            ("import_unit", _("Can import regional units")),
            ("export_unit", _("Can export regional units")),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.code = clean_spaces(self.code).upper()
        self.name = clean_spaces(self.name)
        super().save(*args, **kwargs)

    def natural_key(self):
        return (self.code,)

    def clean(self):
        super().clean()
        # Before the uniqueness check, so "bappeda" meets the existing "BAPPEDA".
        self.code = clean_spaces(self.code).upper()


class UnitMembership(models.Model):
    """The unit a user works for: an Operator OPD sees and reports for that unit only."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="unit_membership",
        verbose_name=_("user"),
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="memberships", verbose_name=_("unit")
    )

    class Meta:
        verbose_name = _("unit membership")
        verbose_name_plural = _("unit memberships")

    def __str__(self):
        return f"{self.user} — {self.unit}"


class NamedLookup(models.Model):
    """A lookup list with a unique, editable name."""

    name = models.CharField(_("name"), max_length=150, unique=True)

    class Meta:
        abstract = True
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.name = clean_spaces(self.name)
        super().save(*args, **kwargs)


class Sector(NamedLookup):
    """A government affair of UU 23/2014 (Bidang Urusan) that an agreement serves."""

    class Meta(NamedLookup.Meta):
        verbose_name = _("government affair")
        verbose_name_plural = _("government affairs")


class Objective(NamedLookup):
    """A consideration the regency states for cooperating (Tujuan/Pertimbangan)."""

    class Meta(NamedLookup.Meta):
        verbose_name = _("objective")
        verbose_name_plural = _("objectives")

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from agreements.choices import CATEGORY_GROUP, PartnerCategory
from core.naming import clean_spaces, normalize_name


class PartnerQuerySet(models.QuerySet):
    def by_name(self, name):
        """Partners whose name matches, whatever the case and spacing."""
        return self.filter(name_key=normalize_name(name))


class Partner(models.Model):
    """The other party of an agreement (Mitra)."""

    name = models.CharField(_("name"), max_length=255)
    # The comparison key of the name: unique, so "UNSRI" and " unsri" cannot both exist.
    name_key = models.CharField(max_length=255, unique=True, editable=False)
    category = models.CharField(_("category"), max_length=20, choices=PartnerCategory.choices)
    country = models.CharField(_("country"), max_length=100, default="Indonesia")
    address = models.TextField(_("address"), blank=True)
    contact_person = models.CharField(_("contact person"), max_length=150, blank=True)
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    notes = models.TextField(_("notes"), blank=True)

    history = HistoricalRecords(excluded_fields=["name_key"])
    objects = PartnerQuerySet.as_manager()

    class Meta:
        verbose_name = _("partner")
        verbose_name_plural = _("partners")
        ordering = ["name"]
        permissions = [
            ("import_partner", _("Can import partners")),
            ("export_partner", _("Can export partners")),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.name = clean_spaces(self.name)
        self.name_key = normalize_name(self.name)
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        key = normalize_name(self.name)
        if key and Partner.objects.filter(name_key=key).exclude(pk=self.pk).exists():
            raise ValidationError(
                {"name": _("A partner with this name already exists (case and spaces ignored).")}
            )

    @property
    def group(self):
        """The recap group of this partner's category."""
        return CATEGORY_GROUP.get(self.category)

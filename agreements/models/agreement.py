from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models, transaction
from django.db.models import Q
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from agreements.choices import (
    AgreementKind,
    DocumentKind,
    Funding,
    Scheme,
    Stage,
    Status,
    suggest_scheme,
)
from agreements.querysets import AgreementQuerySet, status_expression
from core import clock
from core.documents import Document
from core.formatting import shorten
from core.history import BundledHistoricalRecords, is_bundling
from core.locking import VersionedModel

from .lookups import Objective, Sector, Unit
from .partner import Partner


class AgreementCodeCounter(models.Model):
    """The last registry number handed out per year, so that codes are never reused
    even when agreements are deleted, and two app servers never hand out the same."""

    year = models.PositiveIntegerField(primary_key=True)
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("registry code counter")
        verbose_name_plural = _("registry code counters")

    def __str__(self):
        return f"{self.year}: {self.last_number}"

    @classmethod
    def next_code(cls, year):
        """Reserve and return the next ``KS-YYYY-NNNN`` of the year."""
        with transaction.atomic():
            book = CodeBook()
            code = book.next_code(year)
            book.write()
        return code


class CodeBook:
    """Registry codes handed out within one transaction, by the counters' one rule.

    The first code of a year locks that year's counter (until the transaction ends, so
    two app servers never hand out the same) and reads, in one index range, the codes
    of the year already used ahead of it (typed in by hand or imported); the following
    codes of the year are counted in memory. ``write()`` stores the counters. A form's
    save takes one code (``AgreementCodeCounter.next_code``); an import takes one per
    new row and writes the counters once.
    """

    def __init__(self):
        self._counters = {}  # year -> [counter, numbers used ahead of it]

    def next_code(self, year):
        if year not in self._counters:
            counter, _created = AgreementCodeCounter.objects.select_for_update().get_or_create(
                year=year
            )
            self._counters[year] = (counter, self._used_after(year, counter.last_number))
        counter, used = self._counters[year]
        number = counter.last_number + 1
        while number in used:
            number += 1
        counter.last_number = number
        return Agreement.format_code(year, number)

    @staticmethod
    def _used_after(year, last_number):
        prefix = Agreement.format_code(year, 0)[: -len("0000")]  # "KS-2019-"
        # Every code of the year sorts between "KS-2019-" and "KS-2019." ("." follows "-").
        codes = Agreement.objects.filter(code__gte=prefix, code__lt=prefix[:-1] + ".")
        used = set()
        for code in codes.values_list("code", flat=True).iterator():
            suffix = code[len(prefix) :]
            if suffix.isdigit() and int(suffix) > last_number:
                used.add(int(suffix))
        return used

    def write(self):
        for counter, _used in self._counters.values():
            counter.save(update_fields=["last_number"])


class AgreementUnit(models.Model):
    """A regional unit responsible for an agreement; one of them leads."""

    agreement = models.ForeignKey(
        "agreements.Agreement",
        on_delete=models.CASCADE,
        related_name="agreement_units",
        verbose_name=_("agreement"),
    )
    unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        related_name="agreement_links",
        verbose_name=_("regional unit"),
    )
    is_lead = models.BooleanField(_("lead unit"), default=False)

    class Meta:
        verbose_name = _("responsible unit")
        verbose_name_plural = _("responsible units")
        ordering = ["-is_lead", "unit__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "unit"],
                name="agreement_unit_once",
                violation_error_message=_("This unit is already listed for the agreement."),
            ),
            models.UniqueConstraint(
                fields=["agreement"],
                condition=Q(is_lead=True),
                name="agreement_one_lead_unit",
                violation_error_message=_("An agreement has only one lead unit."),
            ),
        ]

    def __str__(self):
        return f"{self.unit} ({_('lead')})" if self.is_lead else str(self.unit)


class Agreement(VersionedModel):
    """One signed (or planned) cooperation document: a Kesepakatan Bersama, a PKS, …

    Its status is never stored: ``Agreement.objects.with_status()`` derives it from the
    stage and the dates of today.
    """

    code = models.CharField(
        _("registry code"),
        max_length=20,
        unique=True,
        editable=False,
        help_text=_("Assigned automatically, e.g. KS-2019-0007."),
    )
    number = models.CharField(_("document number"), max_length=150, blank=True)
    partner_number = models.CharField(_("partner's document number"), max_length=150, blank=True)
    title = models.TextField(_("title"), help_text=_("Perihal / Tentang."))
    scope = models.TextField(_("scope"), blank=True)
    notes = models.TextField(_("notes"), blank=True)
    kind = models.CharField(_("document kind"), max_length=5, choices=AgreementKind.choices)
    scheme = models.CharField(_("scheme"), max_length=10, choices=Scheme.choices)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("parent agreement"),
        help_text=_("The KB/MoU this agreement implements, or the agreement it amends."),
    )
    partners = models.ManyToManyField(
        Partner, related_name="agreements", verbose_name=_("partners")
    )
    units = models.ManyToManyField(
        Unit,
        through=AgreementUnit,
        related_name="agreements",
        blank=True,
        verbose_name=_("regional units"),
    )
    sectors = models.ManyToManyField(
        Sector, related_name="agreements", blank=True, verbose_name=_("government affairs")
    )
    objectives = models.ManyToManyField(
        Objective, related_name="agreements", blank=True, verbose_name=_("objectives")
    )
    stage = models.CharField(_("stage"), max_length=12, choices=Stage.choices)
    signed_on = models.DateField(_("signing date"), null=True, blank=True)
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(
        _("end date"), null=True, blank=True, help_text=_("Leave empty for no time limit.")
    )
    funding = models.CharField(_("funding"), max_length=10, choices=Funding.choices, blank=True)
    value = models.DecimalField(
        _("value (Rp)"),
        max_digits=18,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    needs_dprd_approval = models.BooleanField(_("needs DPRD approval"), default=False)
    dprd_approved_on = models.DateField(_("DPRD approval date"), null=True, blank=True)
    is_public = models.BooleanField(
        _("public"), default=False, help_text=_("Shown in the public catalogue.")
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    # Forms and imports bundle a change of fields and links into one entry
    # (agreements.history.one_history_entry).
    history = BundledHistoricalRecords(
        m2m_fields=[partners, units, sectors, objectives], excluded_fields=["updated_at"]
    )
    objects = AgreementQuerySet.as_manager()
    # Rupiah amounts: typed and shown with thousand dots (core/money.py).
    money_fields = ("value",)

    class Meta:
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")
        ordering = ["-signed_on", "-code"]
        constraints = [
            models.UniqueConstraint(
                fields=["number"],
                condition=~Q(number=""),
                name="agreement_number_unique_when_present",
                violation_error_message=_("Another agreement already has this document number."),
                # "unique" puts the message on the number (the form's field, the
                # spreadsheet's Nomor column) instead of above everything.
                violation_error_code="unique",
            ),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=models.F("start_date")),
                name="agreement_end_not_before_start",
                violation_error_message=_("The end date cannot be before the start date."),
            ),
        ]
        indexes = [
            # Stage and dates in one index: whether an agreement was in force in a
            # semester is read from the index alone (reports.obligations; the dashboard's
            # overdue count, docs/performance.md).
            models.Index(fields=["stage", "end_date", "start_date"]),
            models.Index(fields=["signed_on"]),
            # The count per scheme (dashboard, recap) and the list's scheme filter read
            # this index instead of every row (45 against 10 ms at 100,000 agreements).
            models.Index(fields=["scheme"], name="agreement_by_scheme"),
            # An agreement's children in the model's order, for its page: with the
            # parent's index alone SQLite walked the date's index through every
            # agreement instead (docs/performance.md).
            models.Index(
                fields=["parent", "-signed_on", "-code"], name="agreement_children_in_order"
            ),
        ]
        permissions = [
            ("import_agreement", _("Can import agreements")),
            ("export_agreement", _("Can export agreements")),
        ]

    def __str__(self):
        # What pickers and links show: the code and what the agreement is about.
        title = shorten(self.title, 70)
        return f"{self.code} — {title}" if self.code else title

    def save(self, *args, **kwargs):
        if not self.code:
            self.code = AgreementCodeCounter.next_code(self.code_year())
        self.number = self.number.strip()
        super().save(*args, **kwargs)

    def code_year(self):
        """The year of the registry code a new agreement gets: its signing year, else
        the current one."""
        return self.signed_on.year if self.signed_on else clock.today().year

    def get_absolute_url(self):
        return reverse("admin:agreements_agreement_change", args=[self.pk])

    def clean(self):
        super().clean()
        # Before the uniqueness check, so " 119/KS/2019" meets the existing "119/KS/2019".
        self.number = self.number.strip()
        errors = {}
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = _("The end date cannot be before the start date.")
        if self.stage == Stage.SIGNED:
            if not self.signed_on:
                errors["signed_on"] = _("A signed agreement needs its signing date.")
            if not self.start_date:
                errors["start_date"] = _("A signed agreement needs its start date.")
        if self.dprd_approved_on and not self.needs_dprd_approval:
            errors["needs_dprd_approval"] = _(
                "Tick this box when the agreement has a DPRD approval date."
            )
        if self.parent_id and self.pk:
            ancestor, seen = self.parent, set()
            while ancestor is not None and ancestor.pk not in seen:
                if ancestor.pk == self.pk:
                    errors["parent"] = _("An agreement cannot be its own parent or ancestor.")
                    break
                seen.add(ancestor.pk)
                ancestor = ancestor.parent
        if errors:
            raise ValidationError(errors)

    @staticmethod
    def format_code(year, number):
        return f"KS-{year}-{number:04d}"

    @property
    def current_status(self):
        """The status, from the annotation when the queryset has it, else one query."""
        status = getattr(self, "status", None)
        if status is None and self.pk:
            status = (
                Agreement.objects.filter(pk=self.pk)
                .annotate(s=status_expression())
                .values_list("s", flat=True)
                .first()
            )
        return Status(status) if status else None

    def set_units(self, units):
        """Make ``units`` the responsible units, the first one listed leading (the rule
        of the form, the import and the demo data). Returns whether anything changed."""
        units = list(units)
        lead = units[0] if units else None
        links = AgreementUnit.objects.filter(agreement=self)
        before = dict(links.values_list("unit_id", "is_lead"))
        # The old lead steps down first: one lead per agreement is a constraint.
        links.filter(is_lead=True).exclude(unit=lead).update(is_lead=False)
        if lead is not None:
            if lead.pk in before:
                links.filter(unit=lead, is_lead=False).update(is_lead=True)
            else:
                self.units.add(lead, through_defaults={"is_lead": True})
        self.units.set(units, through_defaults={"is_lead": False})
        # Links read before (prefetched) are stale now, as Django drops a relation's
        # prefetched objects when it writes the relation.
        getattr(self, "_prefetched_objects_cache", {}).pop("agreement_units", None)
        return before != {unit.pk: unit == lead for unit in units}

    def new_unit_links(self, units):
        """Unsaved links to ``units`` for an agreement that has none yet, the first one
        listed leading (the same rule as ``set_units``, for bulk inserts)."""
        return [
            AgreementUnit(agreement=self, unit=unit, is_lead=index == 0)
            for index, unit in enumerate(units)
        ]

    @property
    def lead_unit(self):
        """The lead unit (from prefetched ``agreement_units`` when available)."""
        for link in self.agreement_units.all():
            if link.is_lead:
                return link.unit
        return None

    def scheme_warning(self, categories=None):
        """A sentence for the clerk when the partners suggest another legal scheme."""
        if categories is None:
            categories = [p.category for p in self.partners.all()]
        suggested = suggest_scheme(categories)
        if suggested and self.scheme and suggested != self.scheme:
            return _(
                "The partners suggest the scheme “%(suggested)s”, but “%(chosen)s” is chosen."
            ) % {"suggested": Scheme(suggested).label, "chosen": Scheme(self.scheme).label}
        return None


class AgreementDocument(Document):
    """A file of an agreement: the signed scan, a draft, an addendum, …"""

    upload_folder = "agreements"
    download_url_name = "agreement-document"

    agreement = models.ForeignKey(
        Agreement, on_delete=models.CASCADE, related_name="documents", verbose_name=_("agreement")
    )
    kind = models.CharField(
        _("kind"), max_length=10, choices=DocumentKind.choices, default=DocumentKind.SIGNED
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["kind", "-uploaded_at"]

    def __str__(self):
        return self.title or self.get_kind_display()

    def download_stem(self):
        return f"{self.agreement.code}-{self.pk}"


@receiver(post_save, sender=AgreementUnit, dispatch_uid="agreement_unit_saved")
@receiver(post_delete, sender=AgreementUnit, dispatch_uid="agreement_unit_deleted")
def record_unit_change(sender, instance, raw=False, origin=None, **kwargs):
    """Put a change of responsible units in the agreement's history.

    ``agreement.units.add()`` records itself (m2m_changed), but the admin's inline and
    the import save AgreementUnit rows one by one, which sends no m2m_changed. Saving the
    agreement writes a history row with the units of now. A delete of the agreement
    itself (or a ``units.remove()``, which m2m_changed covers) is not recorded twice.
    """
    if raw or (origin is not None and origin is not instance):
        return
    if is_bundling(Agreement, instance.agreement_id):
        return  # the bundled entry at the end of the change will show the units
    agreement = Agreement.objects.filter(pk=instance.agreement_id).first()
    if agreement is not None:
        agreement.save(update_fields=["updated_at"])

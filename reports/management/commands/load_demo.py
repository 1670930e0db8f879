"""``manage.py load_demo [--with-superuser]``: the demo register of the README.

Idempotent: rows are found by their natural keys and saved only when a value differs,
so a second run writes nothing, not even history rows (django-simple-history records
every ``save()``, changed or not).
"""

from datetime import date, datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from agreements.choices import Stage, suggest_scheme
from agreements.models import (
    Agreement,
    ForeignVisit,
    Objective,
    Partner,
    Sector,
    Unit,
    UnitMembership,
    VisitParticipant,
)
from core import clock
from core.history import one_history_entry
from reports import demo
from reports.choices import ReportStatus
from reports.models import RATING_FIELDS, Evaluation, Report

SUPERUSER = "admin"


def apply_values(instance, values):
    """Set ``values`` and save, only when the row is new or one of them differs.
    Returns whether anything was written."""
    changed = instance._state.adding
    for name, value in values.items():
        field = instance._meta.get_field(name)
        if field.is_relation:
            current, wanted = getattr(instance, field.attname), getattr(value, "pk", value)
        else:
            current, wanted = getattr(instance, name), value
        if current != wanted:
            setattr(instance, name, value)
            changed = True
    if changed:
        instance.full_clean(exclude=_computed_fields(instance))
        instance.save()
    return changed


def _computed_fields(instance):
    # Fields the model fills in itself (registry code, name key, overall score), left
    # out of validation as a form would leave them out.
    return [f.name for f in instance._meta.fields if not f.editable]


def upsert(queryset, lookup, values):
    """The row ``lookup`` finds in ``queryset``, created or brought up to ``values``."""
    instance = queryset.filter(**lookup).first() or queryset.model(**lookup)
    apply_values(instance, values)
    return instance


def sync_m2m(manager, wanted):
    """Make a many-to-many relation hold exactly ``wanted``, touching only the difference
    (an unchanged relation sends no signal, so it writes no history)."""
    current = set(manager.values_list("pk", flat=True))
    wanted_ids = {obj.pk for obj in wanted}
    if current - wanted_ids:
        manager.remove(*(current - wanted_ids))
    if wanted_ids - current:
        manager.add(*(wanted_ids - current))
    return current != wanted_ids


def semester_end(year, semester):
    return date(year, 6, 30) if semester == 1 else date(year, 12, 31)


class DemoLoader:
    def __init__(self, today):
        self.today = today
        self.units = {}
        self.partners = {}
        self.agreements = {}

    def load(self):
        self.load_units()
        self.load_partners()
        self.load_agreements()
        self.load_reports()
        self.load_evaluations()
        self.load_visit()

    def load_units(self):
        for code, name, mailbox in demo.UNITS:
            values = {"name": name, "email": f"{mailbox}@{demo.UNIT_EMAIL_DOMAIN}"}
            self.units[code] = upsert(Unit.objects, {"code": code}, values)

    def load_partners(self):
        for name, category, country, address in demo.PARTNERS:
            values = {"category": category, "country": country, "address": address}
            # Found whatever the case and spacing a clerk may have given the name since.
            partner = Partner.objects.by_name(name).first() or Partner()
            apply_values(partner, {"name": name, **values})
            self.partners[name] = partner

    def load_agreements(self):
        for spec in demo.AGREEMENTS:
            partners = [self.partners[name] for name in spec.partners]
            values = {
                "kind": spec.kind,
                "scheme": suggest_scheme(p.category for p in partners),
                "title": spec.title,
                "scope": spec.scope,
                "notes": spec.notes,
                "stage": spec.stage,
                "signed_on": spec.signed_on,
                "start_date": spec.signed_on,
                "end_date": self.resolve(spec.end_date),
                "funding": spec.funding,
                "value": spec.value,
                "parent": self.agreements[spec.parent] if spec.parent else None,
                "needs_dprd_approval": spec.needs_dprd_approval,
                "dprd_approved_on": spec.dprd_approved_on,
                "is_public": spec.is_public,
            }
            if spec.number:
                lookup = {"number": spec.number}
            else:
                lookup = {"number": "", "title": values.pop("title")}
            agreement = Agreement.objects.filter(**lookup).first() or Agreement(**lookup)
            sectors = [self.named(Sector, name) for name in spec.sectors]
            objectives = [self.named(Objective, name) for name in spec.objectives]
            # Fields and links of one agreement make one history entry, or none at all
            # when a second run finds nothing to change.
            with one_history_entry(agreement) as entry:
                changes = [
                    apply_values(agreement, values),
                    sync_m2m(agreement.partners, partners),
                    sync_m2m(agreement.sectors, sectors),
                    sync_m2m(agreement.objectives, objectives),
                    agreement.set_units([self.units[code] for code in spec.units]),
                ]
                entry.write = any(changes)
            self.agreements[spec.number or spec.title] = agreement

    def resolve(self, day):
        if isinstance(day, demo.FromToday):
            return self.today + timedelta(days=day.days)
        return day

    @staticmethod
    def named(model, name):
        # Seeded by a migration, but clerks may have removed one since.
        return model.objects.get_or_create(name=name)[0]

    def load_reports(self):
        for spec in demo.REPORTS:
            ended = timezone.make_aware(
                datetime.combine(semester_end(spec.year, spec.semester), time(9))
            )
            handed_in = spec.status != ReportStatus.DRAFT
            checked = spec.status in (ReportStatus.VERIFIED, ReportStatus.RETURNED)
            values = {
                "activities": spec.activities,
                "outputs": spec.outputs,
                "benefits": spec.benefits,
                "budget": spec.budget,
                "spending": spec.spending,
                "obstacles": spec.obstacles,
                "follow_up": spec.follow_up,
                "status": spec.status,
                "verifier_note": spec.verifier_note,
                "submitted_at": ended + timedelta(days=10) if handed_in else None,
                "verified_at": ended + timedelta(days=24) if checked else None,
            }
            lookup = {
                "agreement": self.agreements[spec.agreement],
                "unit": self.units[spec.unit],
                "year": spec.year,
                "semester": spec.semester,
            }
            upsert(Report.objects, lookup, values)

    def load_evaluations(self):
        for number, year, ratings, recommendation, notes in demo.EVALUATIONS:
            values = dict(zip(RATING_FIELDS, ratings, strict=True))
            values.update(recommendation=recommendation, notes=notes, evaluator=demo.EVALUATOR)
            lookup = {"agreement": self.agreements[number], "year": year}
            upsert(Evaluation.objects, lookup, values)

    def load_visit(self):
        values = dict(demo.VISIT)
        values["agreement"] = self.agreements[values["agreement"]]
        permit = values.pop("permit_number")
        visit = upsert(ForeignVisit.objects, {"permit_number": permit}, values)
        for name, position, institution, institution_name in demo.VISIT_PARTICIPANTS:
            upsert(
                VisitParticipant.objects,
                {"visit": visit, "name": name},
                {
                    "position": position,
                    "institution": institution,
                    "institution_name": institution_name,
                },
            )


class Command(BaseCommand):
    help = "Load the demo register of Kabupaten Muara Enim (safe to run again)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--with-superuser",
            action="store_true",
            help="Also create or update the demo accounts (admin, operator, pimpinan).",
        )

    def handle(self, *args, with_superuser=False, **options):
        with transaction.atomic():
            DemoLoader(clock.today()).load()
            if with_superuser:
                accounts = self.load_users()
        signed = Agreement.objects.exclude(signed_on=None).count()
        planned = Agreement.objects.filter(stage__in=[Stage.EXPLORATION, Stage.DRAFTING]).count()
        self.stdout.write(
            self.style.SUCCESS(
                _("Demo register loaded: %(signed)d signed agreements, %(planned)d in preparation.")
                % {"signed": signed, "planned": planned}
            )
        )
        if with_superuser:
            self.print_accounts(accounts)

    def load_users(self):
        User = get_user_model()
        accounts = [(SUPERUSER, _("superuser, the whole register"))]
        admin = User.objects.filter(username=SUPERUSER).first() or User(username=SUPERUSER)
        self.set_account(admin, is_superuser=True)
        for username, role, unit_code in demo.DEMO_USERS:
            user = User.objects.filter(username=username).first() or User(username=username)
            self.set_account(user, is_superuser=False)
            user.groups.add(Group.objects.get(name=role))
            description = role
            if unit_code:
                unit = Unit.objects.get(code=unit_code)
                UnitMembership.objects.update_or_create(user=user, defaults={"unit": unit})
                description = f"{role}, {unit.name}"
            accounts.append((username, description))
        return accounts

    @staticmethod
    def set_account(user, is_superuser):
        password = demo.DEMO_PASSWORD
        validate_password(password, user)
        user.is_active = user.is_staff = True
        user.is_superuser = is_superuser
        user.email = user.email or f"{user.username}@{demo.UNIT_EMAIL_DOMAIN}"
        # A new salt every time would change the row on each run.
        if not user.has_usable_password() or not user.check_password(password):
            user.set_password(password)
        user.save()

    def print_accounts(self, accounts):
        self.stdout.write("")
        self.stdout.write(self.style.MIGRATE_HEADING(_("Demo accounts (log in at /admin/):")))
        for username, description in accounts:
            self.stdout.write(
                _("  user %(username)-10s password %(password)s   (%(role)s)")
                % {"username": username, "password": demo.DEMO_PASSWORD, "role": description}
            )
        self.stdout.write("")

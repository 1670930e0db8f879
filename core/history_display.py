"""History values as people write them.

django-simple-history shows the stored values of a change: enum codes, ``None``, ISO
timestamps, "Deleted user (pk=None)", ``90000000.00``. Each value is shown here the way
the page of the object shows it: choice labels, "29 Oktober 2019", "29 Oktober 2019
14.05", Rupiah, Ya/Tidak, user names and "—" for nothing.
"""

import dataclasses
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import models
from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.html import conditional_escape
from django.utils.text import Truncator, capfirst
from django.utils.translation import gettext as _
from simple_history.models import DeletedObject
from simple_history.template_utils import HistoricalRecordContextHelper
from simple_history.utils import get_m2m_reverse_field_name

from core.formatting import format_rupiah
from core.money import is_money_field

NOTHING = "—"
LONGEST_TEXT = 100


def person_name(user):
    """A user as colleagues call them: the full name, else the user name."""
    return user.get_full_name() or user.get_username()


def readable_value(field, value):
    """One stored value of ``field`` as the object's own page would show it."""
    if isinstance(field, models.ManyToManyField):
        related = get_m2m_reverse_field_name(field)
        names = [readable_object(row[related]) for row in value or []]
        return ", ".join(sorted(names)) or NOTHING
    if value is None or value == "":
        return NOTHING
    if isinstance(value, DeletedObject | models.Model):
        return readable_object(value)
    if field.flatchoices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(field, models.BooleanField):
        return _("Yes") if value else _("No")
    if isinstance(field, models.DateTimeField):
        return date_format(timezone.localtime(value), "DATETIME_FORMAT")
    if isinstance(field, models.DateField):
        return date_format(value, "DATE_FORMAT")
    if is_money_field(field):
        return format_rupiah(value)
    if isinstance(value, Decimal):
        return number_format(value)
    return Truncator(str(value)).chars(LONGEST_TEXT)


def readable_object(obj):
    if isinstance(obj, DeletedObject):
        if obj.pk is None:
            return NOTHING
        return _("%(name)s (deleted)") % {"name": capfirst(obj.model._meta.verbose_name)}
    if isinstance(obj, get_user_model()):
        return person_name(obj)
    return str(obj)


class ReadableChangeHelper(HistoricalRecordContextHelper):
    def format_delta_change(self, change):
        field = self.model._meta.get_field(change.field)
        return dataclasses.replace(
            change,
            field=capfirst(field.verbose_name),
            old=conditional_escape(readable_value(field, change.old)),
            new=conditional_escape(readable_value(field, change.new)),
        )

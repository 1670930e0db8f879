"""Behaviour shared by the admins of rows that agreements refer to."""

from django.contrib import admin
from django.db.models import Count
from django.urls import reverse
from django.utils.html import format_html
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from agreements.models import Agreement
from agreements.models.protection import agreements_using

# How many blocking agreements the "cannot delete" page lists per object.
PROTECTED_LISTED = 50


class AgreementCountMixin:
    """Annotates and shows how many agreements refer to each row."""

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(agreement_count=Count("agreements"))

    @admin.display(description=_("agreements"), ordering="agreement_count")
    def agreement_count(self, obj):
        return obj.agreement_count


class InUseProtectionMixin:
    """Shows Django's "cannot delete" page, listing the agreements, for a row still in use.

    The model refuses the delete anyway (``agreements.models.protection``); this makes
    the admin say so before the clerk confirms, for single and bulk deletes alike.
    """

    def get_deleted_objects(self, objs, request):
        to_delete, model_count, perms_needed, protected = super().get_deleted_objects(objs, request)
        label = capfirst(Agreement._meta.verbose_name)
        for obj in objs:
            for agreement in agreements_using(obj)[:PROTECTED_LISTED]:
                url = reverse("admin:agreements_agreement_change", args=[agreement.pk])
                protected.append(format_html('{}: <a href="{}">{}</a>', label, url, agreement))
        return to_delete, model_count, perms_needed, protected


class VisibleParentMixin:
    """For rows that belong to a parent (an agreement's documents and unit links, a
    report's attachments): a user sees and picks only the parents the parent's
    ``visible_to`` gives them, and attaches rows only to those it may write to."""

    parent_field = "agreement"

    def visible_parents(self, request):
        parent_model = self.model._meta.get_field(self.parent_field).related_model
        return parent_model.objects.visible_to(request.user)

    def writable_parents(self, request):
        return self.visible_parents(request)

    def get_queryset(self, request):
        visible = self.visible_parents(request)
        return super().get_queryset(request).filter(**{f"{self.parent_field}__in": visible})

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == self.parent_field:
            kwargs["queryset"] = self.writable_parents(request)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

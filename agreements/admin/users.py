"""Users and the unit each works for.

Django's own User admin is replaced by one with the unit inline, so the office can
attach an Operator OPD to their unit on the user's page.
"""

from django.contrib import admin
from django.contrib.auth import admin as auth_admin
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils.translation import gettext_lazy as _

from agreements.models import UnitMembership
from core.permissions_display import HiddenLinkRowsMixin, ReadablePermissionsMixin

from .inlines import UnitMembershipInline

User = get_user_model()


@admin.register(UnitMembership)
class UnitMembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "unit"]
    list_select_related = ["user", "unit"]
    list_filter = [("unit", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["user__username", "user__first_name", "user__last_name", "unit__name"]
    autocomplete_fields = ["user", "unit"]


# Importing django.contrib.auth.admin above registered Django's User admin, whatever the
# order in which the apps' admin modules are discovered; replace it.
if admin.site.is_registered(User):
    admin.site.unregister(User)
if admin.site.is_registered(Group):
    admin.site.unregister(Group)


@admin.register(Group)
class GroupAdmin(ReadablePermissionsMixin, HiddenLinkRowsMixin, auth_admin.GroupAdmin):
    pass


@admin.register(User)
class UserAdmin(ReadablePermissionsMixin, HiddenLinkRowsMixin, auth_admin.UserAdmin):
    inlines = [*auth_admin.UserAdmin.inlines, UnitMembershipInline]
    list_display = [*auth_admin.UserAdmin.list_display, "unit_name"]
    list_select_related = ["unit_membership__unit"]

    @admin.display(description=_("unit"), ordering="unit_membership__unit__name")
    def unit_name(self, obj):
        membership = getattr(obj, "unit_membership", None)
        return membership.unit.name if membership else None

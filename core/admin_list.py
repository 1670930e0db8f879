"""Pieces of the admin's list pages drawn without the template engine."""

from django.contrib.admin import helpers
from django.utils.html import format_html
from django.utils.translation import gettext as _


class DirectActionCheckboxMixin:
    """A ModelAdmin mixin: the checkbox of each row (for the bulk actions), as Django
    draws it, written directly. Django renders the ``CheckboxInput`` widget's template
    for every row, about half a millisecond each: a tenth of a page of 50 rows
    (docs/performance.md). ``tests/admin/test_list_rows.py`` holds the HTML to Django's."""

    def action_checkbox(self, obj):
        label = format_html(_("Select this object for an action - {}"), str(obj))
        return format_html(
            '<input type="checkbox" name="{}" value="{}" class="action-select" aria-label="{}">',
            helpers.ACTION_CHECKBOX_NAME,
            str(obj.pk),
            label,
        )

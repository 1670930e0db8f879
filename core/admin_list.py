"""Pieces of the admin's list pages drawn without the template engine or the URL
resolver: what Django does for every row, done once per page or written directly
(docs/performance.md). ``tests/admin/test_list_rows.py`` holds the HTML to Django's."""

from django.contrib.admin import helpers
from django.contrib.admin.views.main import ChangeList
from django.utils.html import format_html
from django.utils.translation import gettext as _


class RowLinksChangeList(ChangeList):
    """A ChangeList whose rows' links carry the list's filters (so that saving an
    object returns to the same filtered list) added once per page.

    Django adds them to each row's link in ``items_for_result`` by resolving the link
    against every URL pattern, to tell the list's own URL (whose filters it would merge)
    from any other; a row's link is never the list's. Here the link comes with the
    filters already, and the row drawing finds none left to add: the same href.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.row_link_filters, self.preserved_filters = self.preserved_filters, ""

    def url_for_result(self, result):
        url = super().url_for_result(result)
        return f"{url}?{self.row_link_filters}" if self.row_link_filters else url


class DirectListRowsMixin:
    """A ModelAdmin mixin: the list's rows drawn as Django draws them, cheaper.

    - Each row's checkbox (for the bulk actions) written directly: Django renders the
      ``CheckboxInput`` widget's template for every row, about half a millisecond each.
    - Each row's link built with the list's filters once (``RowLinksChangeList``).
    """

    def get_changelist(self, request, **kwargs):
        return RowLinksChangeList

    def action_checkbox(self, obj):
        label = format_html(_("Select this object for an action - {}"), str(obj))
        return format_html(
            '<input type="checkbox" name="{}" value="{}" class="action-select" aria-label="{}">',
            helpers.ACTION_CHECKBOX_NAME,
            str(obj.pk),
            label,
        )

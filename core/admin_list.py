"""Pieces of the admin's list pages drawn without the template engine or the URL
resolver: what Django does for every row, done once per page or written directly
(docs/performance.md). ``tests/admin/test_list_rows.py`` holds the HTML to Django's."""

import datetime

from django.contrib.admin import helpers
from django.contrib.admin.templatetags.admin_list import ResultList
from django.contrib.admin.templatetags.admin_urls import add_preserved_filters
from django.contrib.admin.utils import display_for_field, display_for_value, lookup_field
from django.contrib.admin.views.main import ChangeList
from django.core.exceptions import ObjectDoesNotExist
from django.db import models
from django.urls import NoReverseMatch, reverse
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _


class RowLinksChangeList(ChangeList):
    """A ChangeList whose rows' links are built once per page: each row's is the
    same href as Django's.

    - The list's filters (so that saving an object returns to the same filtered list)
      come with the link. Django adds them to each row's link in ``items_for_result``
      by resolving the link against every URL pattern, to tell the list's own URL
      (whose filters it would merge) from any other; a row's link is never the list's.
      Here the row drawing finds none left to add.
    - The change page's URL is reversed once, for a stand-in key, and each row's
      integer key put in its place (``reverse()`` walks the URL patterns each time).
    """

    STAND_IN = "0000stand-in0000"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.row_link_filters, self.preserved_filters = self.preserved_filters, ""
        self._change_url = None

    def url_for_result(self, result):
        pk = getattr(result, self.pk_attname)
        if isinstance(pk, int) and self._change_url is None:
            try:
                self._change_url = reverse(
                    f"admin:{self.opts.app_label}_{self.opts.model_name}_change",
                    args=(self.STAND_IN,),
                    current_app=self.model_admin.admin_site.name,
                )
            except NoReverseMatch:  # a change URL that takes digits only
                self._change_url = ""
        if isinstance(pk, int) and self._change_url:
            url = self._change_url.replace(self.STAND_IN, str(pk))
        else:
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


# --- The rows -------------------------------------------------------------------------


def direct_results(cl):
    """The rows of the list ``cl`` as Django's ``results(cl)`` draws them (a list with
    no editable columns), each row's cells as one piece of HTML.

    Django's ``items_for_result`` decides for every cell what only depends on the
    column (its classes, whether it links, the empty value), formats each cell with
    ``format_html`` and yields it to the template, which draws 400 cells of a page one
    by one. Here each column is decided once per page (``_Column``) and a row is drawn
    as one string; each value is still read by Django's ``lookup_field`` and shown by
    its ``display_for_value`` / ``display_for_field``."""
    columns = _columns(cl)
    return [
        ResultList(None, [mark_safe("".join(column.cell(result) for column in columns))])
        for result in cl.result_list
    ]


def _columns(cl):
    empty = cl.model_admin.get_empty_value_display()
    columns, first = [], True
    for index, name in enumerate(cl.list_display):
        links = cl.list_display_links is not None and (
            (first and not cl.list_display_links) or name in cl.list_display_links
        )
        columns.append(_Column(cl, index, name, empty, links, "th" if links and first else "td"))
        first = first and not links
    return columns


class _Column:
    def __init__(self, cl, index, name, empty, links, tag):
        self.cl, self.name, self.empty, self.links, self.tag = cl, name, empty, links, tag
        if callable(name):
            css_name = f"lambda{index}" if name.__name__ == "<lambda>" else name.__name__
        else:
            css_name = name
        self.css_class = f"field-{css_name}"
        self.filters = {"preserved_filters": cl.preserved_filters, "opts": cl.opts}

    def cell(self, result):
        classes, empty = [self.css_class], self.empty
        try:
            field, attr, value = lookup_field(self.name, result, self.cl.model_admin)
        except ObjectDoesNotExist:
            shown = empty
        else:
            empty = getattr(attr, "empty_value_display", empty)
            if isinstance(value, str) and value.strip() == "":
                value = ""
            if field is None or field.auto_created:
                if self.name == "action_checkbox":
                    classes = ["action-checkbox"]
                boolean = getattr(attr, "boolean", False)
                if isinstance(attr, property) and hasattr(attr, "fget"):
                    boolean = getattr(attr.fget, "boolean", False)
                shown = display_for_value(value, empty, boolean)
                if isinstance(value, datetime.date | datetime.time):
                    classes.append("nowrap")
            else:
                if isinstance(field.remote_field, models.ManyToOneRel):
                    related = getattr(result, field.name)
                    shown = empty if related is None else related
                else:
                    shown = display_for_field(value, field, empty, avoid_link=self.links)
                if isinstance(field, models.DateField | models.TimeField | models.ForeignKey):
                    classes.append("nowrap")
        if self.links:
            shown = self._link(result, shown)
        return f'<{self.tag} class="{" ".join(classes)}">{conditional_escape(shown)}</{self.tag}>'

    def _link(self, result, shown):
        try:
            url = self.cl.url_for_result(result)
        except NoReverseMatch:
            return shown
        if self.cl.preserved_filters:
            # None left (RowLinksChangeList): Django would only write the query again.
            url = add_preserved_filters(self.filters, url)
        if self.cl.is_popup:
            attr = str(self.cl.to_field) if self.cl.to_field else self.cl.lookup_opts.pk.attname
            opener = format_html(' data-popup-opener="{}"', result.serializable_value(attr))
        else:
            opener = ""
        return format_html('<a href="{}"{}>{}</a>', url, opener, shown)

"""``{% direct_result_list cl %}``: Django's ``{% result_list cl %}``, the rows drawn by
``core.admin_list.direct_results`` for the lists whose admin asks for it
(``DirectListRowsMixin``); every other list is Django's own."""

from django import template
from django.contrib.admin.templatetags.admin_list import (
    result_headers,
    result_hidden_fields,
    result_list,
)
from django.contrib.admin.templatetags.base import InclusionAdminNode

from core.admin_list import RowLinksChangeList, direct_results

register = template.Library()


def direct_result_list(cl):
    if not isinstance(cl, RowLinksChangeList) or cl.formset is not None:
        return result_list(cl)
    headers = list(result_headers(cl))
    return {
        "cl": cl,
        "result_hidden_fields": list(result_hidden_fields(cl)),
        "result_headers": headers,
        "num_sorted_fields": sum(1 for h in headers if h["sortable"] and h["sorted"]),
        "results": direct_results(cl),
    }


@register.tag(name="direct_result_list")
def direct_result_list_tag(parser, token):
    return InclusionAdminNode(
        parser,
        token,
        func=direct_result_list,
        template_name="change_list_results.html",
        takes_context=False,
    )

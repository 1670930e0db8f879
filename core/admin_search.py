"""The admin's search without joining many-to-many links into the list's query.

Django's own search joins every searched relation into the changelist's query; when one
of them is many-to-many (an agreement's partners, its units) the same row comes back
once per link and the admin adds ``DISTINCT`` to every query of the page: the count,
the date hierarchy's range, the page itself. At 100,000 rows that ``DISTINCT`` is most
of the page's time (docs/performance.md).

Here each searched field that crosses such a link becomes ``pk IN (subquery)``: the
rows stay one each and no ``DISTINCT`` is needed. What a word matches is the same as
with Django's search: the words of the search term (quoted phrases kept whole) must
each be found, case-insensitively, in at least one of ``search_fields``. The one
difference: Django asks every word of a term to match the same link (the same partner),
here each word may match a different one.
"""

from django.contrib.admin.utils import lookup_spawns_duplicates
from django.db.models import Q
from django.utils.text import smart_split, unescape_string_literal


def search_words(search_term):
    """The words of a search term as Django's admin splits them."""
    words = []
    for bit in smart_split(search_term):
        if bit.startswith(('"', "'")) and bit[0] == bit[-1]:
            bit = unescape_string_literal(bit)
        words.append(bit)
    return words


class SubquerySearchMixin:
    """A ModelAdmin mixin: ``search_fields`` (plain field paths, matched with
    ``icontains``) searched without duplicate rows, hence without ``DISTINCT``.

    A text search reads every row (no B-tree index answers "contains"; a
    ``search_index`` answers it for the columns it holds, core/text_index.py), and a
    list page asks its rows several times: the count, the date hierarchy's range and
    years, the page. So the keys of what the search finds are read once, first; when
    there are at most ``search_keys_read_once`` of them, the page's queries look those
    rows up by key (with the list's filters, without the search) instead of searching
    again. The same request reads them, so the page is never staler than its own count.
    """

    search_keys_read_once = 1000
    # A core.text_index.TextIndex of some of the model's own searched fields: a word
    # it serves is found in it instead of by reading those fields of every row.
    search_index = None

    def get_search_results(self, request, queryset, search_term):
        search_fields = self.get_search_fields(request)
        if not (search_fields and search_term):
            return queryset, False
        found = queryset.filter(
            *(self._word_found(queryset, search_fields, w) for w in search_words(search_term))
        )
        limit = self.search_keys_read_once
        keys = list(found.order_by().values_list("pk", flat=True)[: limit + 1])
        if len(keys) <= limit:
            # Asked by key alone, with the list's filters: asked with the search, each of
            # the page's queries would search again.
            return queryset.filter(pk__in=keys), False
        return found, False

    def _word_found(self, queryset, search_fields, word):
        """The condition that ``word`` is found in one of ``search_fields``, through
        the ``search_index`` for the fields it holds when it serves the word (and they
        are all searched)."""
        model, index = queryset.model, self.search_index
        matches, indexed = Q(), ()
        if (
            index is not None
            and set(index.columns) <= set(search_fields)
            and index.serves(queryset.db, word)
        ):
            matches, indexed = index.containing(word), index.columns
        for field in search_fields:
            if field in indexed:
                continue
            lookup = f"{field}__icontains"
            if lookup_spawns_duplicates(model._meta, lookup):
                linked = model._base_manager.filter(**{lookup: word}).values("pk")
                matches |= Q(pk__in=linked)
            else:
                matches |= Q(**{lookup: word})
        return matches

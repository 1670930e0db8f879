"""One change, one history entry.

django-simple-history writes an entry for every ``save()`` and another for every
change of a many-to-many link, so a form or a spreadsheet row that sets an agreement's
fields, partners, units, affairs and objectives would leave five entries, four of them
half-done states. Inside ``one_history_entry(agreement)`` those are held back, and a
single entry with the final state (links included) is written when the block ends,
and none when the block changed nothing.
"""

import contextlib
import contextvars

from django.conf import settings
from django.utils import timezone
from simple_history import utils
from simple_history.signals import (
    post_create_historical_m2m_records,
    pre_create_historical_m2m_records,
)

from core.locking import VersionedHistoricalRecords

# The objects whose history is being bundled in this context (they may get their
# primary key inside the block, so they are compared by pk when asked).
_bundling = contextvars.ContextVar("kerjasama_history_bundling", default=())


class BundledHistoricalRecords(VersionedHistoricalRecords):
    """HistoricalRecords that the model keeps a handle on, so that one bundled entry
    can be written with the same machinery (user, change reason, link snapshots).
    Entries are compared without a version number (core.locking)."""

    def contribute_to_class(self, cls, name):
        super().contribute_to_class(cls, name)
        cls._historical_records = self

    def create_historical_record_m2ms(self, history_instance, instance):
        """The links of the entry, as simple-history writes them, read in one plain
        query per link table: simple-history's own re-reads the object once per
        many-to-many field (for its excluded fields) and joins every linked row, which
        made two thirds of a spreadsheet import's time (docs/performance.md). A link
        table whose rows the bundled change read and left as they were
        (``Bundle.links_as_stored``) is not read again."""
        known = getattr(instance, "_history_links_as_stored", {})
        for field in history_instance._history_m2m_fields:
            m2m_history_model = self.m2m_models[field]
            through_model = getattr(instance, field.name).through
            links = known.get(through_model)
            if links is None:
                links = stored_links(through_model, utils.get_m2m_field_name(field), instance.pk)
            insert_rows = [m2m_history_model(history=history_instance, **link) for link in links]
            pre_create_historical_m2m_records.send(
                sender=m2m_history_model,
                rows=insert_rows,
                history_instance=history_instance,
                instance=instance,
                field=field,
            )
            created_rows = m2m_history_model.objects.bulk_create(insert_rows)
            post_create_historical_m2m_records.send(
                sender=m2m_history_model,
                created_rows=created_rows,
                history_instance=history_instance,
                instance=instance,
                field=field,
            )

    def bulk_create_historical_records(self, instances, links, batch_size=None):
        """One "+" entry for each of ``instances``, just created together (with
        ``bulk_create``), and its links: ``links[through model][i]`` are the rows of
        that link table written for ``instances[i]``. Each entry's user and change
        reason are the instance's ``_history_user`` and ``_change_reason``, as for a
        save. Inserts one batch per table instead of several queries per object."""
        if not getattr(settings, "SIMPLE_HISTORY_ENABLED", True):
            return []
        manager = getattr(self.cls, self.manager_name)
        entries = manager.bulk_history_create(
            instances, batch_size=batch_size, default_date=timezone.now()
        )
        for field, m2m_history_model in self.m2m_models.items():
            through_model = field.remote_field.through
            attnames = link_columns(through_model)
            m2m_history_model.objects.bulk_create(
                (
                    m2m_history_model(
                        history=entry, **{name: getattr(link, name) for name in attnames}
                    )
                    for entry, written in zip(entries, links[through_model], strict=True)
                    for link in written
                ),
                batch_size=batch_size,
            )
        return entries


def link_columns(through_model):
    """The columns of a link table that an entry's snapshot of the links keeps."""
    return [through_field.attname for through_field in through_model._meta.fields]


def stored_links(through_model, owner, pk):
    """The rows of ``through_model`` whose ``owner`` (its foreign key to the object) is
    ``pk``, each a dict of ``link_columns``: what an entry's snapshot copies."""
    links = through_model._default_manager.filter(**{owner: pk})
    return list(links.values(*link_columns(through_model)))


def is_bundling(model, pk):
    """True while changes to this object are gathered into one entry."""
    return any(type(obj) is model and obj.pk == pk for obj in _bundling.get())


class Bundle:
    """What the block may say about its entry: ``write = False`` when it changed nothing;
    ``links_as_stored[link model]``: that table's rows for the object (``stored_links``),
    read by the block and left as they were, which the entry then copies without
    reading them back."""

    def __init__(self, instance):
        self.instance = instance
        self.write = True
        self.links_as_stored = {}


@contextlib.contextmanager
def one_history_entry(instance, created=None, known_changed=False):
    """Hold back the entries of ``instance`` (saved before or inside the block) and
    write one at the end. ``created`` says whether the block's change created the
    object; by default, whether it was unsaved when the block began. A change leaves no
    entry when it changed nothing, unless the caller has compared already
    (``known_changed``: a spreadsheet row is saved only when it differs)."""
    if created is None:
        created = instance._state.adding
    bundle = Bundle(instance)
    instance.skip_history_when_saving = True
    token = _bundling.set((*_bundling.get(), instance))
    try:
        yield bundle
    finally:
        del instance.skip_history_when_saving
        _bundling.reset(token)
    if bundle.write and instance.pk is not None:
        instance._history_links_as_stored = bundle.links_as_stored
        try:
            type(instance)._historical_records.create_historical_record(
                instance, "+" if created else "~"
            )
        finally:
            del instance._history_links_as_stored
        if not created and not known_changed:
            _drop_if_nothing_changed(instance)


def _drop_if_nothing_changed(instance):
    """A form saved as it was, fields and links alike, leaves no entry behind."""
    history = getattr(instance, instance._meta.simple_history_manager_attribute)
    newest, *previous = history.all()[:2]
    if previous and not newest.diff_against(previous[0]).changes:
        newest.delete()

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
        made two thirds of a spreadsheet import's time (docs/performance.md)."""
        for field in history_instance._history_m2m_fields:
            m2m_history_model = self.m2m_models[field]
            through_model = getattr(instance, field.name).through
            attnames = [through_field.attname for through_field in through_model._meta.fields]
            written = instance.__dict__.get(WRITTEN_LINKS, {}).get(through_model)
            if written is not None:
                links = [[getattr(link, name) for name in attnames] for link in written]
            else:
                links = through_model._default_manager.filter(
                    **{utils.get_m2m_field_name(field): instance}
                ).values_list(*attnames)
            insert_rows = [
                m2m_history_model(
                    history=history_instance, **dict(zip(attnames, values, strict=True))
                )
                for values in links
            ]
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


# Where a bundle finds the links its block has just created (``remember_written``), so
# that the entry's snapshot of a new object's links needs no query.
WRITTEN_LINKS = "_history_written_links"


def remember_written(instance, through_model, links):
    """Note the rows of ``through_model`` just inserted for ``instance`` (a new object,
    inside ``one_history_entry``): its entry snapshots them as they are. Ignored when
    the database did not return their keys."""
    links = list(links)
    if all(link.pk is not None for link in links):
        instance.__dict__.setdefault(WRITTEN_LINKS, {})[through_model] = links


def is_bundling(model, pk):
    """True while changes to this object are gathered into one entry."""
    return any(type(obj) is model and obj.pk == pk for obj in _bundling.get())


class Bundle:
    """What the block may say about its entry: ``write = False`` when it changed nothing."""

    def __init__(self, instance):
        self.instance = instance
        self.write = True


@contextlib.contextmanager
def one_history_entry(instance, created=None):
    """Hold back the entries of ``instance`` (saved before or inside the block) and
    write one at the end. ``created`` says whether the block's change created the
    object; by default, whether it was unsaved when the block began."""
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
        written = instance.__dict__.pop(WRITTEN_LINKS, None)
    if bundle.write and instance.pk is not None:
        if written and created:
            instance.__dict__[WRITTEN_LINKS] = written
        try:
            type(instance)._historical_records.create_historical_record(
                instance, "+" if created else "~"
            )
        finally:
            instance.__dict__.pop(WRITTEN_LINKS, None)
        if not created:
            _drop_if_nothing_changed(instance)


def _drop_if_nothing_changed(instance):
    """A form saved as it was, fields and links alike, leaves no entry behind."""
    history = getattr(instance, instance._meta.simple_history_manager_attribute)
    newest, *previous = history.all()[:2]
    if previous and not newest.diff_against(previous[0]).changes:
        newest.delete()

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
    if bundle.write and instance.pk is not None:
        type(instance)._historical_records.create_historical_record(
            instance, "+" if created else "~"
        )
        if not created:
            _drop_if_nothing_changed(instance)


def _drop_if_nothing_changed(instance):
    """A form saved as it was, fields and links alike, leaves no entry behind."""
    history = getattr(instance, instance._meta.simple_history_manager_attribute)
    newest, *previous = history.all()[:2]
    if previous and not newest.diff_against(previous[0]).changes:
        newest.delete()

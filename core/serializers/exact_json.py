"""Django's JSON serialisation without its loss of time precision.

Django's own ``json`` format writes datetimes and times through ``DjangoJSONEncoder``,
which cuts them to milliseconds: a row saved at 10:00:00.000400 comes back from a
backup as 10:00:00, and two history records a few microseconds apart swap or tie. This
format writes them as full ISO 8601 strings; reading is Django's own (``to_python``
parses the microseconds). Registered in place of ``json`` (settings
``SERIALIZATION_MODULES``), so ``dumpdata``, ``loaddata`` and the backup keep every
value exactly; files written by the built-in format still load.
"""

import datetime

from django.core.serializers.json import Deserializer as JSONDeserializer
from django.core.serializers.json import Serializer as JSONSerializer

__all__ = ["Deserializer", "Serializer"]

Deserializer = JSONDeserializer


class Serializer(JSONSerializer):
    def _value_from_field(self, obj, field):
        value = super()._value_from_field(obj, field)
        if isinstance(value, datetime.datetime | datetime.time):
            return value.isoformat()
        return value

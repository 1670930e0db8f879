"""The one place that says what "today" is.

Status, due dates and reminders all ask ``clock.today()``; tests move time by
patching this function, so nothing else may call ``date.today()`` directly.
"""

from django.utils import timezone


def today():
    """The server's local date (settings.TIME_ZONE)."""
    return timezone.localdate()

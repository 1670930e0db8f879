"""Reminders by e-mail (``manage.py send_reminders``): agreements about to end and
reports due or overdue, one digest per recipient, each reminder sent once (the ledger).
See the README's "Reminders" section."""

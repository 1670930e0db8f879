"""Spreadsheet import and export of the register (README, "Spreadsheets") on django-import-export.

``widgets`` reads what clerks type and writes clean values back, ``reading`` opens
uploaded files safely, ``importing`` runs an import all or nothing, ``writing`` and
``templates`` produce the files, and the ``admin*`` modules put it all in the admin.
"""

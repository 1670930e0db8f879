"""The public catalogue at ``/katalog/``: the agreements marked public, with their
public fields only, filterable and downloadable as xlsx or csv.

It is off unless ``PUBLIC_CATALOGUE=true``. What the public may see is declared once,
in ``columns.py`` (the page and the downloads show nothing else) and
``public_agreements()`` (the only queryset the catalogue reads). See the README,
section "Public catalogue".
"""

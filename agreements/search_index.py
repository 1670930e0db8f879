"""The register's search index (``core.text_index``): the agreements' own searched
columns, so that the admin's search finds a word of three or more characters in the
index instead of reading every agreement (``AgreementAdmin.search_index``). Kept by
SQLite's triggers, made afresh after each ``migrate`` and restore
(``AgreementsConfig``); none on PostgreSQL."""

from core.text_index import TextIndex

AGREEMENT_TEXT = TextIndex(
    "agreements_agreement_text",
    "agreements_agreement",
    ["code", "number", "partner_number", "title"],
)

"""The recap workbook: the office's report to the governor, one titled sheet per view.

Written with XlsxWriter: every sheet has a title, the period and the day it was made,
a frozen header row, Indonesian number and date formats, a totals row (a SUM formula
whose cached result is the recap's own figure, so a reader without recalculation sees
the same number as the JSON) and column widths that fit. Text typed by clerks is
always written as text, never as a formula.
"""

import datetime

import xlsxwriter
from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from xlsxwriter.utility import xl_rowcol_to_cell

# The Indonesian locale id in a number format shows "29 Oktober 2019" in any Excel.
DATE_FORMAT = "[$-421]d mmmm yyyy"
INTEGER_FORMAT = "#,##0"
PERCENT_FORMAT = "0.0%"
MIN_WIDTH, MAX_WIDTH = 8, 60
TITLE_ROW, SUBTITLE_ROW, HEADER_ROW = 0, 1, 3


def label(msgid):
    """A column header that reuses the lower-case name of a field: "end date" → "Tanggal
    berakhir"."""
    return capfirst(_(msgid))


def TOTAL():  # noqa: N802 - reads like the label it is
    return pgettext("recap", "Total")


class Sheet:
    """One titled table: header, rows, and optionally a totals row."""

    def __init__(self, book, name, title, header):
        self.book = book
        self.sheet = book.workbook.add_worksheet(name[:31])
        self.header = header
        self.widths = [len(str(text)) + 2 for text in header]
        self.row = HEADER_ROW + 1
        self.sheet.write_string(TITLE_ROW, 0, title, book.formats["title"])
        self.sheet.write_string(SUBTITLE_ROW, 0, book.subtitle, book.formats["subtitle"])
        for column, text in enumerate(header):
            self.sheet.write_string(HEADER_ROW, column, str(text), book.formats["header"])
        self.sheet.freeze_panes(HEADER_ROW + 1, 0)

    def write(self, column, value, bold=False):
        formats = self.book.formats
        suffix = "_bold" if bold else ""
        if value is None or value == "":
            self.sheet.write_blank(self.row, column, None, formats["text" + suffix])
            width = 0
        elif isinstance(value, bool):
            text = pgettext("recap", "Yes") if value else pgettext("recap", "No")
            self.sheet.write_string(self.row, column, text, formats["text" + suffix])
            width = len(text)
        elif isinstance(value, int | float):
            self.sheet.write_number(self.row, column, value, formats["integer" + suffix])
            width = len(f"{value:,}")
        elif isinstance(value, Percent):
            self.sheet.write_number(self.row, column, value.ratio, formats["percent" + suffix])
            width = 7
        elif isinstance(value, datetime.date):
            self.sheet.write_datetime(self.row, column, value, formats["date" + suffix])
            width = 18
        else:
            text = str(value)
            self.sheet.write_string(self.row, column, text, formats["text" + suffix])
            width = max((len(line) for line in text.splitlines()), default=0)
        self.widths[column] = max(self.widths[column], width + 2)

    def add_row(self, values, bold=False):
        for column, value in enumerate(values):
            self.write(column, value, bold=bold)
        self.row += 1

    def add_totals(self, label, totals):
        """The totals row: ``totals`` maps a column to the recap's figure for it."""
        first, last = HEADER_ROW + 1, self.row - 1
        self.write(0, label, bold=True)
        for column, value in totals.items():
            if isinstance(value, Percent) or last < first:
                self.write(column, value, bold=True)
                continue
            formula = f"=SUM({xl_rowcol_to_cell(first, column)}:{xl_rowcol_to_cell(last, column)})"
            self.sheet.write_formula(
                self.row, column, formula, self.book.formats["integer_bold"], value
            )
        self.row += 1

    def add_note(self, text):
        self.row += 1
        self.sheet.write_string(self.row, 0, text, self.book.formats["subtitle"])
        self.row += 1

    def finish(self):
        for column, width in enumerate(self.widths):
            self.sheet.set_column(column, column, min(max(width, MIN_WIDTH), MAX_WIDTH))


class Percent:
    """A ratio shown as a percentage (compliance)."""

    def __init__(self, ratio):
        self.ratio = ratio


class RecapWorkbook:
    def __init__(self, recap, stream):
        self.recap = recap
        self.workbook = xlsxwriter.Workbook(stream, {"in_memory": True})
        add = self.workbook.add_format
        self.formats = {
            "title": add({"bold": True, "font_size": 14}),
            "subtitle": add({"italic": True, "font_color": "#555555"}),
            "header": add({"bold": True, "bg_color": "#DDEBF7", "border": 1, "text_wrap": True}),
        }
        for bold in (False, True):
            suffix = "_bold" if bold else ""
            base = {"bold": bold, "valign": "top"}
            self.formats["text" + suffix] = add({**base, "text_wrap": True})
            self.formats["integer" + suffix] = add({**base, "num_format": INTEGER_FORMAT})
            self.formats["percent" + suffix] = add({**base, "num_format": PERCENT_FORMAT})
            self.formats["date" + suffix] = add({**base, "num_format": DATE_FORMAT})
        self.subtitle = self._subtitle()

    def _subtitle(self):
        recap = self.recap
        made = date_format(recap.today, "j F Y")
        if recap.from_year is not None and recap.to_year is not None:
            period = _("Signed in %(first)s–%(last)s") % {
                "first": recap.from_year,
                "last": recap.to_year,
            }
        elif recap.from_year is not None:
            period = _("Signed in %(first)s or later") % {"first": recap.from_year}
        elif recap.to_year is not None:
            period = _("Signed in %(last)s or earlier") % {"last": recap.to_year}
        else:
            period = _("The whole register")
        return _("%(period)s · made on %(day)s") % {"period": period, "day": made}

    def sheet(self, name, title, header):
        return Sheet(self, name, title, header)

    def write(self):
        for build in (
            self.by_year,
            self.by_status,
            self.by_scheme,
            self.by_sector,
            self.by_objective,
            self.compliance,
            self.visits,
            self.expiring,
            self.dormant,
        ):
            sheet = build()
            if sheet is not None:
                sheet.finish()
        self.workbook.close()

    # --- One method per sheet ----------------------------------------------------

    def by_year(self):
        recap = self.recap
        sheet = self.sheet(
            pgettext("recap sheet", "By year"),
            _("Cooperation documents by signing year and partner group"),
            [pgettext("recap", "Year"), *[group.label for group in recap.groups], TOTAL()],
        )
        for row in recap.by_year:
            sheet.add_row([row.year, *[cell.count for cell in row.cells], row.total.count])
        totals = [figure.count for figure in recap.group_totals] + [recap.signed_total.count]
        sheet.add_totals(TOTAL(), dict(enumerate(totals, start=1)))
        return sheet

    def _counts(self, name, title, label, figures, note=None, without=None):
        sheet = self.sheet(name, title, [label, _("Agreements")])
        for figure in figures:
            sheet.add_row([figure.label, figure.count])
        if without is not None:
            sheet.add_row([without[0], without[1].count])
        total = sum(figure.count for figure in figures)
        if without is not None:
            total += without[1].count
        sheet.add_totals(TOTAL(), {1: total})
        if note:
            sheet.add_note(note)
        return sheet

    def by_status(self):
        return self._counts(
            pgettext("recap sheet", "By status"),
            _("Agreements by status"),
            label("status"),
            self.recap.by_status,
        )

    def by_scheme(self):
        return self._counts(
            pgettext("recap sheet", "By scheme"),
            _("Agreements by cooperation scheme"),
            label("scheme"),
            self.recap.by_scheme,
        )

    def by_sector(self):
        return self._counts(
            pgettext("recap sheet", "By government affair"),
            _("Agreements by government affair (bidang urusan)"),
            label("government affair"),
            self.recap.by_sector,
            note=_("An agreement may serve several affairs: it is counted under each."),
            without=(_("(no government affair)"), self.recap.without_sector),
        )

    def by_objective(self):
        return self._counts(
            pgettext("recap sheet", "By objective"),
            _("Agreements by stated objective"),
            label("objective"),
            self.recap.by_objective,
            note=_("An agreement may state several objectives: it is counted under each."),
            without=(_("(no objective stated)"), self.recap.without_objective),
        )

    def compliance(self):
        recap = self.recap
        period = recap.compliance_period
        sheet = self.sheet(
            pgettext("recap sheet", "Compliance"),
            _("Report compliance per unit, %(period)s") % {"period": period},
            [
                label("regional unit"),
                _("Reports due that semester"),
                _("Handed in on time"),
                _("Handed in late"),
                _("Not handed in"),
                _("Share handed in"),
            ],
        )
        rows = recap.compliance
        for row in rows:
            sheet.add_row(
                [row.unit.name, row.due, row.on_time, row.late, row.overdue, Percent(row.rate)]
            )
        due = sum(row.due for row in rows)
        handed_in = sum(row.reported for row in rows)
        sheet.add_totals(
            TOTAL(),
            {
                1: due,
                2: sum(row.on_time for row in rows),
                3: sum(row.late for row in rows),
                4: sum(row.overdue for row in rows),
                5: Percent(handed_in / due if due else 0),
            },
        )
        return sheet

    def visits(self):
        recap = self.recap
        sheet = self.sheet(
            pgettext("recap sheet", "Visits abroad"),
            _("Facilitated official visits abroad"),
            [
                pgettext("recap", "Year"),
                label("purpose"),
                label("country"),
                pgettext("recap", "City"),
                label("departure date"),
                label("return date"),
                label("participants"),
                _("Number of participants"),
            ],
        )
        for visit in recap.visits:
            participants = list(visit.participants.all())
            names = "\n".join(
                ", ".join(part for part in (person.name, person.position) if part)
                for person in participants
            )
            sheet.add_row(
                [
                    visit.departure.year,
                    visit.purpose,
                    visit.country,
                    visit.city,
                    visit.departure,
                    visit.return_date,
                    names,
                    len(participants),
                ]
            )
        total_participants = sum(people for _figure, people in recap.visits_by_year)
        totals_label = _("Total: %(visits)d visits") % {"visits": len(recap.visits)}
        sheet.add_totals(totals_label, {7: total_participants})
        return sheet

    def _agreements(self, name, title, agreements, dates):
        header = [
            label("registry code"),
            label("document number"),
            label("title"),
            label("partners"),
            label("lead unit"),
        ]
        sheet = self.sheet(name, title, header + [header for header, _attr in dates])
        for agreement in agreements:
            sheet.add_row(
                [
                    agreement.code,
                    agreement.number,
                    agreement.title,
                    agreement.partner_names,
                    agreement.lead_unit_name,
                    *[getattr(agreement, attr) for _label, attr in dates],
                ]
            )
        sheet.add_row([TOTAL(), len(agreements)], bold=True)
        return sheet

    def expiring(self):
        return self._agreements(
            pgettext("recap sheet", "Expiring soon"),
            _("Agreements expiring soon"),
            self.recap.expiring_agreements,
            [(label("end date"), "end_date")],
        )

    def dormant(self):
        return self._agreements(
            pgettext("recap sheet", "Dormant"),
            _("Dormant agreements: in force, no report for their last two semesters"),
            self.recap.dormant_agreements,
            [(label("start date"), "start_date"), (label("end date"), "end_date")],
        )


def write_workbook(recap, stream):
    """Write the recap workbook of ``recap`` to a binary stream."""
    RecapWorkbook(recap, stream).write()

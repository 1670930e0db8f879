"""The recap as JSON (``manage.py recap --format json``; README, "Dashboard and recap").

Keys are the Indonesian labels the office reads (``"Antar Pemerintah": 7``); years
are strings, as JSON object keys must be.
"""


def _counts(figures):
    return {str(figure.label): figure.count for figure in figures}


def recap_data(recap):
    return {
        "by_year": {
            str(row.year): {
                "total": row.total.count,
                "groups": {str(cell.label): cell.count for cell in row.cells},
            }
            for row in recap.by_year
        },
        "by_status": _counts(recap.by_status),
        "by_scheme": _counts(recap.by_scheme),
        "by_sector": _counts(recap.by_sector),
        "by_objective": _counts(recap.by_objective),
        "compliance": compliance_data(recap),
        "visits_by_year": {
            figure.label: {"visits": figure.count, "participants": participants}
            for figure, participants in recap.visits_by_year
        },
        "in_force": recap.in_force.count,
        "expiring": recap.expiring_codes,
        "dormant": recap.dormant_codes,
        "overdue": {
            "agreements": recap.overdue.count,
            "reports": recap.overdue_reports,
        },
    }


def compliance_data(recap):
    """Per unit, its reports of the last semester whose deadline has passed."""
    period = recap.compliance_period
    return {
        "year": period.year,
        "semester": period.semester,
        "units": {
            row.unit.name: {
                "due": row.due,
                "on_time": row.on_time,
                "late": row.late,
                "overdue": row.overdue,
                "rate": round(row.rate, 4) if row.rate is not None else None,
            }
            for row in recap.compliance
        },
    }

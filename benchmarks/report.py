"""The keys of var/bench.json, computed from the raw figures, and the printed table.

``*_vs_limit`` = our time ÷ the limit's (lower is better); ``*_vs_peer`` = the peer's
time ÷ ours, per row when the peer ran on a slice (higher is better);
``*_large_vs_small`` = large ÷ small; ``*_vs_sql`` = the page's or command's time ÷ the
time of the very SQL it issued, run bare through a cursor, at the large size.
"""


def _ratio(numerator, denominator):
    if numerator is None or not denominator:
        return None
    return round(numerator / denominator, 3)


def _rate(figures):
    return figures["rows"] / figures["time"] if figures.get("time") else None


def _page(raw, key, name):
    return raw.get(f"pages_{key}", {}).get(name, {})


def _recap(raw, key):
    recap = raw.get(f"recap_{key}", {})
    return recap.get("json")


def summarise(raw):
    ours_large, ours_small = raw["export_ours_large"], raw["export_ours_small"]
    summary = {
        "export_vs_limit": _ratio(ours_large["time"], raw["export_limit_large"]["time"]),
        "export_vs_peer": _ratio(_rate(ours_large), _rate(raw["export_peer_large"])),
        "export_mem_large_vs_small": _ratio(ours_large["peak_mb"], ours_small["peak_mb"]),
        "export_same_as_admin": raw["export_admin_small"]["same_as_command"],
        "import_vs_peer": _ratio(_rate(raw["import_ours"]), _rate(raw["import_peer"])),
        "import_vs_limit": _ratio(raw["import_ours"]["time"], raw["import_limit"]["time"]),
        "admin_import_vs_command": _ratio(
            raw["import_admin"]["time"], raw["import_ours_admin_size"]["time"]
        ),
    }
    for key in ("small", "large"):
        summary[f"changelist_queries_{key}"] = _page(raw, key, "changelist").get("queries")
    # The worst of the admin's list and change pages (the report list is one of them).
    summary["changelist_time_large_vs_small"] = max(
        _ratio(_page(raw, "large", name)["median"], _page(raw, "small", name)["median"])
        for name in ("changelist", "changelist_filtered", "change", "reports")
    )
    for key in ("small", "large"):
        summary[f"dashboard_queries_{key}"] = _page(raw, key, "dashboard").get("queries")
    dashboard = _page(raw, "large", "dashboard")
    summary["dashboard_vs_sql"] = _ratio(dashboard.get("median"), dashboard.get("sql"))
    summary["dashboard_seconds_large"] = dashboard.get("median")
    recap_large = _recap(raw, "large")
    if recap_large is None:
        reason = raw.get("recap_large", {}).get("missing", "not measured")
        summary.update(
            {
                "recap_queries_small": None,
                "recap_queries_large": None,
                "recap_vs_sql": None,
                "recap_seconds_large": None,
                "recap_not_measured": reason,
            }
        )
    else:
        summary.update(
            {
                "recap_queries_small": _recap(raw, "small")["queries"],
                "recap_queries_large": recap_large["queries"],
                "recap_vs_sql": _ratio(recap_large["median"], recap_large["sql"]),
                "recap_seconds_large": recap_large["median"],
            }
        )
    summary["targets"] = targets(summary, raw)
    return summary


def targets(summary, raw):
    """Each target of the issue: True (met), False (missed) or None (not measured)."""

    def at_most(key, bound):
        return None if summary.get(key) is None else summary[key] <= bound

    def at_least(key, bound):
        return None if summary.get(key) is None else summary[key] >= bound

    def same(prefix):
        small, large = summary.get(f"{prefix}_small"), summary.get(f"{prefix}_large")
        return None if small is None or large is None else small == large

    pages_same = all(
        _page(raw, "small", name).get("queries") == _page(raw, "large", name).get("queries")
        for name in ("changelist", "changelist_filtered", "change", "reports")
    )
    return {
        "export ≤ 1.5 × the limit": at_most("export_vs_limit", 1.5),
        "export ≥ 5 × the peer": at_least("export_vs_peer", 5),
        "export memory large ≤ 1.2 × small": at_most("export_mem_large_vs_small", 1.2),
        "export file = the admin's": summary["export_same_as_admin"],
        "import ≥ 5 × the peer": at_least("import_vs_peer", 5),
        "import ≤ 3 × the limit": at_most("import_vs_limit", 3),
        "admin import ≤ 2.5 × the command": at_most("admin_import_vs_command", 2.5),
        "admin pages: same queries at both sizes": pages_same,
        "admin pages: large ≤ 2 × small": at_most("changelist_time_large_vs_small", 2),
        "dashboard: same queries": same("dashboard_queries"),
        "dashboard ≤ 1.5 × its SQL": at_most("dashboard_vs_sql", 1.5),
        "dashboard ≤ 1 s": at_most("dashboard_seconds_large", 1),
        "recap: same queries": same("recap_queries"),
        "recap ≤ 1.5 × its SQL": at_most("recap_vs_sql", 1.5),
        "recap ≤ 1 s": at_most("recap_seconds_large", 1),
    }


def _seconds(value):
    return "—" if value is None else f"{value:.2f} s"


def _page_cell(page):
    cell = f"{page['median'] * 1000:.0f} ms, {page['queries']} queries"
    if page.get("rows"):
        cell += f", {page['rows']} rows"
    return cell


def table(summary, raw):
    """The figures as a Markdown table (the README shows the latest one)."""
    sizes = raw["sizes"]
    large, small = sizes["large"]["agreements"], sizes["small"]["agreements"]
    lines = [
        f"Database: {raw['database']}; machine: {raw['machine']['cpu']}, "
        f"{raw['machine']['cores']} cores, Python {raw['machine']['python']}.",
        "",
        "| work | ours | peer (plain ModelResource) | limit |",
        "|---|---|---|---|",
    ]

    def export_row(key, rows):
        ours, peer, limit = (raw[f"export_{who}_{key}"] for who in ("ours", "peer", "limit"))
        peer_text = f"{_seconds(peer['time'])} for {peer['rows']:,} rows, {peer['peak_mb']:.0f} MB"
        return (
            f"| export {rows:,} agreements (xlsx) | {_seconds(ours['time'])}, "
            f"{ours['peak_mb']:.0f} MB | {peer_text} | {_seconds(limit['time'])} |"
        )

    lines.append(export_row("small", small))
    lines.append(export_row("large", large))
    ours, peer, limit = raw["import_ours"], raw["import_peer"], raw["import_limit"]
    lines.append(
        f"| import {ours['rows']:,} new agreements | {_seconds(ours['time'])} "
        f"({_rate(ours):.0f} rows/s), {ours['peak_mb']:.0f} MB | {_seconds(peer['time'])} for "
        f"{peer['rows']:,} rows ({_rate(peer):.0f} rows/s) | {_seconds(limit['time'])} "
        f"({_rate(limit):.0f} rows/s) |"
    )
    admin, command = raw["import_admin"], raw["import_ours_admin_size"]
    lines.append(
        f"| admin import of {admin['rows']:,} rows (preview + confirm) | "
        f"{_seconds(admin['time'])} (command: {_seconds(command['time'])}) | | |"
    )
    lines += ["", f"| page (median of 5) | {small:,} agreements | {large:,} agreements |"]
    lines.append("|---|---|---|")
    for name, small_page in raw.get("pages_small", {}).items():
        if not isinstance(small_page, dict):
            continue  # the child's own figures (peak_mb, base_mb)
        large_page = _page(raw, "large", name)
        lines.append(f"| {name} | {_page_cell(small_page)} | {_page_cell(large_page)} |")
    for key in ("small", "large"):
        recap = raw.get(f"recap_{key}", {})
        for format_name in ("json", "xlsx"):
            if format_name in recap:
                figures = recap[format_name]
                lines.append(
                    f"| recap --format {format_name} ({key}) | {figures['median'] * 1000:.0f} ms, "
                    f"{figures['queries']} queries | SQL alone {figures['sql'] * 1000:.0f} ms |"
                )
    lines += ["", "| key | value |", "|---|---|"]
    for key, value in summary.items():
        if key != "targets":
            lines.append(f"| {key} | {value} |")
    lines += ["", "| target | met |", "|---|---|"]
    marks = {True: "yes", False: "**no**", None: "not measured"}
    for name, met in summary["targets"].items():
        lines.append(f"| {name} | {marks[met]} |")
    return "\n".join(lines)

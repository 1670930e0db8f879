"""The measured steps. Each runs in a child process of its own (``child.py``) and
returns a dict of figures; ``time`` is seconds by ``perf_counter``."""

import datetime
import html
import io
import random
import re
import statistics
import time
from pathlib import Path

from django.core.management import call_command, get_commands
from django.db import connection, reset_queries, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext

from . import limits, peers, registers

REPEATS = 5  # page and command timings: the median of this many runs after a warm-up

IMPORT_HEADERS = [
    "Nomor",
    "Nomor Mitra",
    "Judul",
    "Jenis Dokumen",
    "Skema",
    "Mitra",
    "Perangkat Daerah",
    "Bidang",
    "Tujuan",
    "Tahap",
    "Tanggal Tanda Tangan",
    "Tanggal Mulai",
    "Tanggal Berakhir",
    "Pembiayaan",
    "Nilai (Rp)",
    "Ruang Lingkup",
    "Keterangan",
    "Publik",
]


def timed(function, *args, **kwargs):
    start = time.perf_counter()
    value = function(*args, **kwargs)
    return time.perf_counter() - start, value


class RolledBack(Exception):
    pass


def rolled_back(function, *args, **kwargs):
    """Run a writing step and undo it, so the next step meets the same register."""
    outcome = {}
    try:
        with transaction.atomic():
            outcome["seconds"], outcome["value"] = timed(function, *args, **kwargs)
            raise RolledBack
    except RolledBack:
        pass
    return outcome["seconds"], outcome["value"]


# --- Building ---------------------------------------------------------------------------


def migrate(params):
    call_command("migrate", verbosity=0, interactive=False)
    return {}


def build(params):
    seconds, counts = timed(registers.build, params["size"])
    return {"time": seconds, **counts}


def import_file(params):
    """An xlsx of ``rows`` new agreements naming the register's partners, units,
    affairs and objectives, as a clerk's file would (codes, real dates, numbers)."""
    from agreements.models import Objective, Partner, Sector, Unit

    rng = random.Random(params["rows"])
    partners = list(Partner.objects.values_list("name", flat=True))
    units = list(Unit.objects.values_list("code", flat=True))
    sectors = list(Sector.objects.values_list("name", flat=True))
    objectives = list(Objective.objects.values_list("name", flat=True))
    rows = [IMPORT_HEADERS]
    for index in range(1, params["rows"] + 1):
        signed = datetime.date(rng.randint(2015, 2025), rng.randint(1, 12), rng.randint(1, 28))
        start = signed + datetime.timedelta(days=rng.randint(0, 30))
        rows.append(
            [
                f"IMP-{index:05d}/KS/{signed.year}",
                f"M-{index:05d}",
                f"Kerja sama {rng.choice(registers.SUBJECTS)} (impor {index})",
                rng.choice(registers.KINDS),
                rng.choice(registers.SCHEMES),
                "; ".join(rng.sample(partners, rng.randint(1, 3))),
                "; ".join(rng.sample(units, rng.randint(1, 2))),
                "; ".join(rng.sample(sectors, rng.randint(1, 2))),
                "; ".join(rng.sample(objectives, rng.randint(0, 2))),
                "SIGNED",
                signed,
                start,
                start + datetime.timedelta(days=365 * rng.randint(1, 5)),
                rng.choice(["APBD", "APBN", "PARTNER", "SHARED", "NONE"]),
                rng.randint(1, 5000) * 1_000_000,
                "Ruang lingkup kerja sama.",
                "",
                rng.random() < 0.3,
            ]
        )
    limits.write_values(rows, params["path"])
    return {"rows": params["rows"]}


# --- Export -----------------------------------------------------------------------------


def export_ours(params):
    """``manage.py export xlsx agreements.resources.AgreementResource``: the product's
    export, the same code the admin's export runs."""
    from agreements.models import Agreement

    path = params["path"]
    seconds, _none = timed(
        call_command, "export", "xlsx", "agreements.resources.AgreementResource", output=path
    )
    return {"time": seconds, "rows": Agreement.objects.count(), "bytes": Path(path).stat().st_size}


def export_admin(params):
    """The admin's export of the whole list, compared cell by cell with the command's."""
    import openpyxl

    from agreements.resources import AgreementResource

    client = _client()
    data = {"format": "0", "resource": "0"}
    for name in AgreementResource().get_export_order():
        data[f"agreementresource_{name}"] = "on"
    start = time.perf_counter()
    response = client.post("/admin/agreements/agreement/export/", data)
    content = b"".join(response.streaming_content)
    seconds = time.perf_counter() - start

    def cells(source):
        workbook = openpyxl.load_workbook(source, read_only=True)
        values = [list(row) for row in workbook.active.iter_rows(values_only=True)]
        workbook.close()
        return values

    admin, command = cells(io.BytesIO(content)), cells(params["compare_with"])
    different = [
        {"row": index + 1, "admin": mine, "command": theirs}
        for index, (mine, theirs) in enumerate(zip(admin, command, strict=False))
        if mine != theirs
    ]
    return {
        "time": seconds,
        "status": response.status_code,
        "rows": len(admin) - 1,
        "same_as_command": len(admin) == len(command) and not different,
        "first_difference": different[0] if different else None,
    }


def export_peer(params):
    """The peer: ``ModelResource.export()`` into a Dataset, written by tablib/openpyxl."""
    from import_export.formats.base_formats import XLSX

    queryset = peers.peer_export_queryset()
    if params.get("rows"):
        queryset = queryset[: params["rows"]]

    def run():
        dataset = peers.PeerAgreementResource().export(queryset)
        Path(params["path"]).write_bytes(XLSX().export_data(dataset))
        return len(dataset)

    seconds, rows = timed(run)
    return {"time": seconds, "rows": rows}


def export_limit(params):
    """XlsxWriter (constant memory) writing the product export's values, read up front."""
    from agreements.resources import AgreementResource
    from core.spreadsheets.writing import native_value, resource_rows

    values = [[native_value(value) for value in row] for row in resource_rows(AgreementResource())]
    seconds, _none = timed(limits.write_values, values, params["path"])
    return {"time": seconds, "rows": len(values) - 1}


# --- Import -----------------------------------------------------------------------------


def import_ours(params):
    """``manage.py import`` of the file: the product's import, all or nothing."""
    from agreements.models import Agreement

    before = Agreement.objects.count()

    def run():
        call_command(
            "import", "agreements.resources.AgreementResource", params["path"], stdout=io.StringIO()
        )
        return Agreement.objects.count() - before

    seconds, created = rolled_back(run)
    return {"time": seconds, "rows": created}


def import_admin(params):
    """The admin's two steps (preview, confirm) with the same file."""
    from agreements.models import Agreement

    client = _client()
    before = Agreement.objects.count()
    content = Path(params["path"]).read_bytes()

    def run():
        upload = io.BytesIO(content)
        upload.name = "register.xlsx"
        start = time.perf_counter()
        preview = client.post(
            "/admin/agreements/agreement/import/",
            {"resource": "0", "format": "0", "import_file": upload},
        )
        preview_seconds = time.perf_counter() - start
        confirm = _confirm_form_fields(preview.content.decode())
        start = time.perf_counter()
        done = client.post("/admin/agreements/agreement/process_import/", confirm)
        confirm_seconds = time.perf_counter() - start
        return {
            "preview": preview_seconds,
            "confirm": confirm_seconds,
            "status": done.status_code,
            "created": Agreement.objects.count() - before,
        }

    seconds, outcome = rolled_back(run)
    return {"time": seconds, "rows": outcome.pop("created"), **outcome}


def _confirm_form_fields(page):
    """The hidden fields of the preview's confirmation form, as a browser posts them."""
    form = page[page.index('action="/admin/agreements/agreement/process_import/"') :]
    form = form[: form.index("</form>")]
    return {
        html.unescape(name): html.unescape(value)
        for name, value in re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', form)
    }


def import_peer(params):
    """The peer: ``ModelResource.import_data()`` of the same file, default options."""
    from import_export.formats.base_formats import XLSX

    from agreements.models import Agreement

    before = Agreement.objects.count()

    def run():
        dataset = XLSX().create_dataset(Path(params["path"]).read_bytes())
        result = peers.PeerAgreementResource().import_data(dataset, use_transactions=True)
        return result.has_errors() or result.has_validation_errors()

    seconds, failed = rolled_back(run)
    return {"time": seconds, "failed": failed, "rows": params["rows"], "before": before}


def import_limit(params):
    seconds, rows = rolled_back(limits.import_bare, params["path"])
    return {"time": seconds, "rows": rows}


# --- Pages and the recap ------------------------------------------------------------------


def _client():
    from django.contrib.auth import get_user_model

    client = Client()
    client.force_login(get_user_model().objects.get(username="bench"))
    return client


# A server-side cursor (``.iterator()`` on PostgreSQL) is logged as its DECLARE, then
# its FETCHes: run bare, the declared query is read whole instead.
_DECLARED = re.compile(r"^\s*DECLARE\s+\S+\s.*?\bCURSOR\b.*?\bFOR\s+(.*)$", re.S | re.I)
_CURSOR_STEP = re.compile(r"^\s*(FETCH|CLOSE|MOVE)\b", re.I)


def _bare_statements(queries):
    for query in queries:
        sql = query["sql"]
        if _CURSOR_STEP.match(sql):
            continue
        declared = _DECLARED.match(sql)
        yield declared.group(1) if declared else sql


def _bare_sql_seconds(queries):
    """The median time of running these statements straight through a cursor."""
    statements = list(_bare_statements(queries))
    runs = []
    for _run in range(REPEATS):
        start = time.perf_counter()
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)
                if cursor.description is not None:
                    cursor.fetchall()
        runs.append(time.perf_counter() - start)
    return statistics.median(runs)


def _measure(call, with_sql=False):
    call()  # warm-up: templates, translations, the first connection
    # A request empties the connection's query log when it starts (request_started):
    # start from an empty one so the captured slice is the whole request.
    reset_queries()
    with CaptureQueriesContext(connection) as captured:
        status = call()
    # Read now: the log is a window that the next requests empty again.
    queries = list(captured.captured_queries)
    times = [timed(call)[0] for _run in range(REPEATS)]
    figures = {
        "median": statistics.median(times),
        "times": times,
        "queries": len(queries),
        "status": status,
    }
    if with_sql:
        figures["sql"] = _bare_sql_seconds(
            [query for query in queries if "SAVEPOINT" not in query["sql"]]
        )
    return figures


def pages(params):
    """Median time and query count of each admin page (see ``PAGES`` in __main__)."""
    from django.db.models import Count

    from agreements.models import Agreement

    client = _client()
    # The first agreement with two of each link: the change page reads the chosen
    # objects of each list (none when empty) and costs queries per inline unit row, so
    # both sizes must measure the same shape.
    agreement = (
        Agreement.objects.annotate(
            **{
                f"{name}_count": Count(name, distinct=True)
                for name in ("partners", "agreement_units", "sectors", "objectives")
            }
        )
        .filter(partners_count=2, agreement_units_count=2, sectors_count=2, objectives_count=2)
        .order_by("pk")
        .first()
    )
    results = {}
    for name, url in params["pages"].items():
        url = url.format(agreement=agreement.pk)
        last = {}

        def get(url=url, last=last):
            last["response"] = client.get(url)
            return last["response"].status_code

        results[name] = _measure(get, with_sql=name == "dashboard")
        # How many rows a list page drew (its checkboxes): a page's time depends on it
        # as much as on the register's size.
        page = last["response"].content.decode()
        results[name]["rows"] = page.count('class="action-select"')
    return results


def recap(params):
    """``manage.py recap --format json`` and the recap workbook, when the command exists."""
    if "recap" not in get_commands():
        return {"missing": "the recap command does not exist on this branch yet"}
    folder = Path(params["folder"])
    results = {}
    for format_name in ("json", "xlsx"):
        output = folder / f"recap.{format_name}"
        results[format_name] = _measure(
            lambda format_name=format_name, output=output: call_command(
                "recap", format=format_name, output=str(output)
            ),
            with_sql=True,
        )
    return results


STEPS = {
    function.__name__: function
    for function in (
        migrate,
        build,
        import_file,
        export_ours,
        export_admin,
        export_peer,
        export_limit,
        import_ours,
        import_admin,
        import_peer,
        import_limit,
        pages,
        recap,
    )
}

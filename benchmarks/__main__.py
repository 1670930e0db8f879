"""``python -m benchmarks [--quick] [--full-peer] [-o var/bench.json]``: see __init__."""

import argparse
import json
import os
import platform
import signal
import subprocess
import sys
import time
from pathlib import Path

from .database import BASE_DIR, Databases
from .registers import QUICK_SIZES, SIZES
from .report import summarise, table

IMPORT_ROWS = 10_000
ADMIN_IMPORT_ROWS = 2_000
# The peer takes minutes where the product takes seconds: by default it is timed on a
# slice of the same work and compared in rows per second (--full-peer: the whole).
PEER_IMPORT_ROWS = 1_000
PEER_EXPORT_ROWS = 10_000

PAGES = {
    "changelist": "/admin/agreements/agreement/",
    "changelist_filtered": "/admin/agreements/agreement/?status=ACTIVE&kind__exact=PKS&q=air",
    "change": "/admin/agreements/agreement/{agreement}/change/",
    "reports": "/admin/reports/report/",
    "dashboard": "/admin/",
}


class Runner:
    def __init__(self, databases, verbose=True):
        self.databases = databases
        self.verbose = verbose

    def __call__(self, key, step, **params):
        env = {
            **os.environ,
            "BENCH_DATABASE": self.databases.name(key),
            "BENCH_MEDIA": str(self.databases.folder / "media"),
        }
        start = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-m", "benchmarks.child", step, json.dumps(params)],
            cwd=BASE_DIR,
            env=env,
            capture_output=True,
            text=True,
        )
        if done.returncode != 0:
            sys.stderr.write(done.stdout[-4000:] + done.stderr[-8000:])
            raise SystemExit(f"benchmark step {step} on {key} failed")
        figures = json.loads(done.stdout.strip().splitlines()[-1])
        if self.verbose:
            print(
                f"  {key:5} {step:14} {time.perf_counter() - start:7.1f} s  "
                + json.dumps({k: v for k, v in figures.items() if not isinstance(v, dict)})[:150],
                flush=True,
            )
        return figures


def machine():
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "python": platform.python_version(),
        "system": f"{platform.system()} {platform.release()}",
    }


def run(options):
    sizes = QUICK_SIZES if options.quick else SIZES
    import_rows = IMPORT_ROWS // 10 if options.quick else IMPORT_ROWS
    admin_rows = ADMIN_IMPORT_ROWS // 10 if options.quick else ADMIN_IMPORT_ROWS
    peer_import_rows = import_rows if options.full_peer else min(PEER_IMPORT_ROWS, import_rows)
    databases = Databases()
    child = Runner(databases)
    scratch = databases.folder
    raw = {"sizes": sizes, "database": databases.vendor, "machine": machine()}
    started = time.perf_counter()
    try:
        print(f"Building the registers ({databases.vendor}) …", flush=True)
        databases.create("small")
        child("small", "migrate")
        databases.copy("small", "large")
        for key in ("small", "large"):
            raw[f"build_{key}"] = child(key, "build", size=sizes[key])

        print("Export …", flush=True)
        for key in ("small", "large"):
            ours = scratch / f"ours-{key}.xlsx"
            raw[f"export_ours_{key}"] = child(key, "export_ours", path=str(ours))
            raw[f"export_limit_{key}"] = child(key, "export_limit", path=str(scratch / "l.xlsx"))
            rows = None if options.full_peer or key == "small" else PEER_EXPORT_ROWS
            raw[f"export_peer_{key}"] = child(
                key, "export_peer", path=str(scratch / "p.xlsx"), rows=rows
            )
        raw["export_admin_small"] = child(
            "small", "export_admin", compare_with=str(scratch / "ours-small.xlsx")
        )

        print("Import …", flush=True)
        files = {}
        for rows in sorted({import_rows, admin_rows, peer_import_rows}):
            files[rows] = str(scratch / f"import-{rows}.xlsx")
            child("large", "import_file", rows=rows, path=files[rows])
        raw["import_ours"] = child("large", "import_ours", path=files[import_rows])
        raw["import_limit"] = child("large", "import_limit", path=files[import_rows])
        raw["import_peer"] = child(
            "large", "import_peer", path=files[peer_import_rows], rows=peer_import_rows
        )
        raw["import_ours_admin_size"] = child("large", "import_ours", path=files[admin_rows])
        raw["import_admin"] = child("large", "import_admin", path=files[admin_rows])

        print("Admin pages, dashboard and recap …", flush=True)
        for key in ("small", "large"):
            raw[f"pages_{key}"] = child(key, "pages", pages=PAGES)
            raw[f"recap_{key}"] = child(key, "recap", folder=str(scratch))
    finally:
        if not options.keep:
            databases.drop_all()
    raw["total_seconds"] = time.perf_counter() - started
    return raw


def main():
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="a large register of 10,000")
    parser.add_argument(
        "--full-peer", action="store_true", help="time the peer on the whole work, not a slice"
    )
    parser.add_argument("--keep", action="store_true", help="keep the databases and files")
    parser.add_argument("-o", "--output", default=str(BASE_DIR / "var" / "bench.json"))
    options = parser.parse_args()
    # Stopped from outside (a CI timeout): still drop the throwaway databases.
    signal.signal(signal.SIGTERM, lambda *_args: sys.exit(143))
    raw = run(options)
    summary = summarise(raw)
    Path(options.output).parent.mkdir(parents=True, exist_ok=True)
    Path(options.output).write_text(json.dumps({**summary, "raw": raw}, indent=2, default=str))
    print(table(summary, raw))
    print(f"Written to {options.output} in {raw['total_seconds']:.0f} s.")


if __name__ == "__main__":
    main()

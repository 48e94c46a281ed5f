"""Benchmark: importing OGP's public commitment data (the 558-row extract), twice.

The first run creates everything; the second changes nothing and must stay cheap. Uses a
throw-away SQLite database unless DATABASE_URL is set (then the database must be empty).
The search index is off unless SEARCH_REINDEX_ON_SAVE=1 (the test settings run background
tasks at once, so the indexing is then timed too). Another CSV can be given as the first
argument. Prints both times (wall clock and CPU) and the queries, and writes
bench/results/ogp_import.json.
"""

import io
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
if not os.environ.get("DATABASE_URL"):
    os.environ["DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp()}/bench-ogp-import.sqlite3"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "opengov.test_settings")
os.environ.setdefault("SEARCH_REINDEX_ON_SAVE", "0")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

from opengov.plans.ogp_import import read_rows  # noqa: E402

DATA = ROOT / "tests" / "data" / "ogp-commitments" / "ogp-commitments-extract-2024.csv"


def timed_import(path):
    """Seconds (wall clock and CPU), queries and the report line of one run of the command."""
    queries = 0

    def count(execute, sql, params, many, context):
        nonlocal queries
        queries += 1
        return execute(sql, params, many, context)

    out = io.StringIO()
    with connection.execute_wrapper(count):
        start, cpu = time.perf_counter(), time.process_time()
        call_command("import_ogp_commitments", str(path), stdout=out)
        seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    return round(seconds, 2), round(cpu, 2), queries, out.getvalue().splitlines()[0]


def main():
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else DATA
    call_command("migrate", verbosity=0)
    results = {"rows": len(read_rows(path)),
               "search_reindex_on_save": settings.SEARCH_REINDEX_ON_SAVE}
    for run in ("first", "second"):
        seconds, cpu, queries, line = timed_import(path)
        results[run] = {"seconds": seconds, "cpu_seconds": cpu, "queries": queries,
                        "report": line}
        print(f"{run} run: {seconds} s ({cpu} s CPU), {queries} queries ({line})")
    out = ROOT / "bench" / "results"
    out.mkdir(exist_ok=True)
    (out / "ogp_import.json").write_text(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()

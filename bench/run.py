"""Benchmarks: demo load time and public page response times on a large data set.

Run with `make bench`. Uses a throw-away SQLite database unless DATABASE_URL is set (then the
database must be empty). Prints a table and writes bench/results/latest.json.
"""

import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
if not os.environ.get("DATABASE_URL"):
    os.environ["DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite3"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "opengov.test_settings")
os.environ.setdefault("SEARCH_REINDEX_ON_SAVE", "0")  # the benchmark times one rebuild

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402

from bench.generate import generate  # noqa: E402
from opengov.demo.loader import load_demo  # noqa: E402

PAGES = {
    "home": "/en/",
    "plan list (23 plans)": "/en/plans/",
    "plan (10 commitments)": "/en/plans/valmerre-plan-3/",
    "plan (12 commitments)": "/en/plans/bench-plan-0/",
    "commitment": "/en/plans/valmerre-plan-3/commitments/open-contracting/",
    "co-creation (10k+ contributions)": "/en/plans/valmerre-plan-3/co-creation/",
    "forum": "/en/forum/",
    "search (10k+ records)": "/fr/search/?q=march%C3%A9s+publics",
    "OGP standards (all verdicts)": "/en/plans/valmerre-plan-3/standards/",
    "deadline calendar (.ics)": "/en/calendar.ics",
}


def timed(fn):
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def engine_benchmark(runs=500):
    """The rules engine alone, on the documented example facts (no database)."""
    from opengov.rules.__main__ import evaluate_document

    facts = json.loads((ROOT / "docs" / "examples" / "facts.json").read_text())
    start = time.perf_counter()
    for _ in range(runs):
        evaluate_document(facts)
    return round((time.perf_counter() - start) / runs * 1000, 2)


def main(rounds=30):
    call_command("migrate", verbosity=0)
    results = {"demo_load_s": round(timed(load_demo), 2)}
    results["generate_s"] = round(timed(generate), 2)
    from opengov.search.index import rebuild
    from opengov.search.models import SearchEntry
    from opengov.search.query import search

    results["search_index_s"] = round(timed(rebuild), 2)
    results["search_entries"] = SearchEntry.objects.count()
    queries = ["marchés publics", "budget citoyen", "water outages", "justice",
               "données ouvertes transport"]
    samples = sorted(timed(lambda q=q: search(q, lang="fr")) for q in queries for _ in range(6))
    results["search_median_ms"] = round(statistics.median(samples) * 1000, 1)
    client = Client()
    pages = {}
    for label, url in PAGES.items():
        client.get(url)  # warm up
        samples = sorted(timed(lambda url=url: client.get(url)) for _ in range(rounds))
        pages[label] = {
            "median_ms": round(statistics.median(samples) * 1000, 1),
            "p95_ms": round(samples[int(0.95 * (len(samples) - 1))] * 1000, 1),
        }
    results["pages"] = pages
    results["engine_evaluate_ms"] = engine_benchmark()
    print(f"Demo load: {results['demo_load_s']} s; large data set: {results['generate_s']} s")
    print(f"Rules engine, one full evaluation: {results['engine_evaluate_ms']} ms")
    print(f"Search: index of {results['search_entries']} records built in "
          f"{results['search_index_s']} s; median query {results['search_median_ms']} ms")
    print(f"{'page':38} {'median ms':>10} {'p95 ms':>8}")
    for label, figures in pages.items():
        print(f"{label:38} {figures['median_ms']:>10} {figures['p95_ms']:>8}")
    out = ROOT / "bench" / "results"
    out.mkdir(exist_ok=True)
    (out / "latest.json").write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()

"""Benchmark: full-text search of the repository with 20,000 documents.

Each document's file text is three "Full Text" paragraphs of real OGP commitments (from
tests/data/ogp-commitments, so the vocabulary is real) plus a unique reference. Files are
not written to disk: the benchmark measures the index and the search, not the disk.
Run with `make bench`; uses a throw-away SQLite database unless DATABASE_URL is set.
"""

import csv
import json
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
if not os.environ.get("DATABASE_URL"):
    os.environ["DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp()}/bench-repository.sqlite3"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "opengov.test_settings")
os.environ["SEARCH_REINDEX_ON_SAVE"] = "0"  # one timed rebuild instead

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402

from opengov.demo.loader import load_demo  # noqa: E402
from opengov.repository.models import Document, DocumentVersion  # noqa: E402
from opengov.search.index import rebuild  # noqa: E402
from opengov.search.query import search  # noqa: E402

DATA = ROOT / "tests" / "data" / "ogp-commitments" / "ogp-commitments-extract-2024.csv"
QUERIES = ["beneficial ownership register", "open contracting data", "access to information",
           "budget transparency citizens", "whistleblower protection", "REF-017342"]


def paragraphs():
    with DATA.open(encoding="utf-8-sig") as handle:
        return [row["Full Text"] for row in csv.DictReader(handle) if len(row["Full Text"]) > 200]


def populate(count=20_000, seed=11):
    from opengov.members.models import Member

    member = Member.objects.get(slug="valmerre")
    texts, rng = paragraphs(), random.Random(seed)
    today = timezone.localdate()
    documents = Document.objects.bulk_create([
        Document(member=member, kind="evidence", title=f"Evidence {i:05d}", title_en=f"Evidence "
                 f"{i:05d}", date=today, language="en") for i in range(count)], batch_size=2000)
    DocumentVersion.objects.bulk_create([
        DocumentVersion(document=d, number=1, file=f"documents/{d.pk}/v1/evidence.pdf",
                        size=40_000, sha256="0" * 64, mime_type="application/pdf",
                        text="\n\n".join(rng.sample(texts, 3)) + f"\nREF-{i:06d}")
        for i, d in enumerate(documents)], batch_size=2000)
    return sum(len(v) for v in DocumentVersion.objects.values_list("text", flat=True))


def main():
    call_command("migrate", verbosity=0)
    load_demo()
    start = time.perf_counter()
    characters = populate()
    populate_s = time.perf_counter() - start
    start = time.perf_counter()
    entries = rebuild()
    rebuild_s = time.perf_counter() - start
    timings, totals = {}, {}
    for query in QUERIES:
        runs = []
        for _ in range(5):
            start = time.perf_counter()
            _hits, total, _counts = search(query, lang="en", kind="document")
            runs.append(time.perf_counter() - start)
        timings[query], totals[query] = round(statistics.median(runs) * 1000, 1), total
    client = Client()
    page_runs = []
    for _ in range(5):
        start = time.perf_counter()
        response = client.get("/en/search/", {"q": "beneficial ownership", "type": "document"})
        page_runs.append(time.perf_counter() - start)
        if response.status_code != 200:
            raise SystemExit(f"The search page answered {response.status_code}.")
    results = {
        "documents": Document.objects.count(), "text_megabytes": round(characters / 1e6, 1),
        "index_entries": entries, "populate_seconds": round(populate_s, 1),
        "rebuild_seconds": round(rebuild_s, 1), "query_ms_median": timings,
        "matches": totals, "search_page_ms_median": round(statistics.median(page_runs) * 1000),
        "database": django.db.connection.vendor,
    }
    print(json.dumps(results, indent=1))
    out = ROOT / "bench" / "results"
    out.mkdir(exist_ok=True)
    (out / "repository.json").write_text(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()

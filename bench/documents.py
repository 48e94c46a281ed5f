"""Benchmark: generating the demo plan's official documents (PDF and DOCX, each language).

Run with `make bench`. Uses a throw-away SQLite database unless DATABASE_URL is set.
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
    os.environ["DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp()}/bench-documents.sqlite3"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "opengov.test_settings")
os.environ["SEARCH_REINDEX_ON_SAVE"] = "0"

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402

from opengov.demo.loader import load_demo  # noqa: E402
from opengov.plans.documents import commitment_docx, plan_docx, plan_pdf  # noqa: E402
from opengov.plans.models import ActionPlan  # noqa: E402


def timed(fn, runs=3):
    seconds, size = [], 0
    for _ in range(runs):
        start = time.perf_counter()
        size = len(fn())
        seconds.append(time.perf_counter() - start)
    return round(statistics.median(seconds), 3), size


def main():
    call_command("migrate", verbosity=0)
    load_demo()
    plan = ActionPlan.objects.get(member__slug="valmerre", number=3)
    version = plan.versions.order_by("-number").first()
    snapshot = version.snapshot
    results = {"commitments": len(snapshot["commitments"]),
               "milestones": sum(len(c["milestones"]) for c in snapshot["commitments"])}
    for lang in plan.member.document_languages:
        pdf_s, pdf_bytes = timed(lambda lang=lang: plan_pdf(snapshot, lang, version))
        docx_s, docx_bytes = timed(lambda lang=lang: plan_docx(snapshot, lang, version))
        one_s, _ = timed(lambda lang=lang: commitment_docx(snapshot, 1, lang))
        results[lang] = {"plan_pdf_seconds": pdf_s, "plan_pdf_kb": pdf_bytes // 1024,
                         "plan_docx_seconds": docx_s, "plan_docx_kb": docx_bytes // 1024,
                         "commitment_docx_seconds": one_s}
    print(json.dumps(results, indent=1))
    out = ROOT / "bench" / "results"
    out.mkdir(exist_ok=True)
    (out / "documents.json").write_text(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()

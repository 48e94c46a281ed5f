"""Load benchmark: the site served as in production, on a large PostgreSQL data set.

Run with `make bench-load` (`.venv/bin/python bench/load.py`). It

1. builds the data set in its own PostgreSQL database (default ``opengov_bench`` on
   127.0.0.1:5432, user postgres): migrate, the demo, then 50,000 contributions, 300
   commitments (with milestones and updates) and 20,000 documents whose versions hold the
   text of their file (bench/generate.py); then times ``rebuild_search_index`` and its peak
   memory. ``--reuse`` keeps a database built before (applying new migrations only);
2. serves it as in production: collectstatic into a temporary folder (whitenoise), gunicorn
   with DEBUG off, a SECRET_KEY, ALLOWED_HOSTS and sync workers, the settings of
   bench/settings.py (the real ones plus a bare view at /bench/bare/), and the background
   task worker (``manage.py db_worker``) when the project has it;
3. drives it with locust (bench/locustfile.py), headless, at each number of users: first a
   stage of the bare view alone, then the site's mix (public pages, search, API, feeds and a
   contribution sent through the public form every few seconds);
4. prints per request kind req/s, p50, p95, p99, the ratio to the bare view's req/s, server
   errors (5xx) and other failures, as Markdown; then how long a new contribution takes to
   be found by the search once a moderator publishes it.

Results go to bench/results/load.json and bench/results/load.md. Small and quick:
  .venv/bin/python bench/load.py --contributions 2000 --documents 500 --commitments 60 \
      --users 10 --run-time 10
"""

import argparse
import csv
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path
from urllib.parse import quote

import psutil
import requests

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
BIN = Path(sys.executable).parent
RESULTS = ROOT / "bench" / "results"
MANAGE = [sys.executable, str(ROOT / "manage.py")]
APP_USERS = ["Visitor", "Searcher", "ApiClient", "FeedReader", "Contributor"]
QUERIES = ["marchés publics", "budget citoyen", "données ouvertes", "justice",
           "beneficial ownership", "access to information", "open contracting data"]
DEMO_PASSWORD = "opengov-demo"  # noqa: S105 - the demo's moderator (opengov/demo/loader.py)


def arguments(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--contributions", type=int, default=50_000)
    parser.add_argument("--documents", type=int, default=20_000)
    parser.add_argument("--commitments", type=int, default=300)
    parser.add_argument("--reuse", action="store_true",
                        help="keep the bench database if it was built before")
    parser.add_argument("--users", default="50,100", help="users of each stage, e.g. 50,100")
    parser.add_argument("--run-time", type=int, default=60, help="seconds of each site stage")
    parser.add_argument("--bare-run-time", type=int, default=None,
                        help="seconds of each bare-view stage (default: run-time, at most 20)")
    parser.add_argument("--workers", type=int, default=2 * (os.cpu_count() or 1) + 1,
                        help="gunicorn sync workers (default: gunicorn's advice, 2 × cores + 1)")
    parser.add_argument("--timeout", type=int, default=30,
                        help="gunicorn worker timeout, seconds (gunicorn's default)")
    parser.add_argument("--wait", default="0",
                        help="think time of each user: 0 (back to back) or MIN,MAX seconds")
    parser.add_argument("--contributors", type=int, default=1,
                        help="users sending contributions, in each site stage")
    parser.add_argument("--contribution-every", type=float, default=4.0,
                        help="seconds between two contributions of one contributor")
    parser.add_argument("--redis", default=os.environ.get("REDIS_URL", ""),
                        help="REDIS_URL for the server, e.g. redis://127.0.0.1:6379/0")
    parser.add_argument("--postgres", default="postgres://postgres@127.0.0.1:5432",
                        help="PostgreSQL server (trust authentication)")
    parser.add_argument("--database", default="opengov_bench")
    parser.add_argument("--searchable-timeout", type=float, default=60.0)
    parser.add_argument("--skip-load", action="store_true", help="only build the data set")
    args = parser.parse_args(argv)
    args.users = [int(n) for n in args.users.split(",") if n.strip()]
    if args.bare_run_time is None:
        args.bare_run_time = min(args.run_time, 20)
    return args


# -- the database ---------------------------------------------------------------------------

def admin_connection(args):
    import psycopg

    return psycopg.connect(f"{args.postgres}/postgres", autocommit=True)


def database_built(args):
    """Whether the bench database exists and was built to the end (its search index is the
    last step)."""
    import psycopg

    with admin_connection(args) as conn:
        if conn.execute("SELECT 1 FROM pg_database WHERE datname = %s",
                        [args.database]).fetchone() is None:
            return False
    try:
        with psycopg.connect(f"{args.postgres}/{args.database}") as conn:
            return conn.execute("SELECT count(*) FROM search_searchentry").fetchone()[0] > 0
    except psycopg.Error:
        return False


def recreate_database(args):
    from psycopg import sql

    with admin_connection(args) as conn:
        name = sql.Identifier(args.database)
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(name))
        conn.execute(sql.SQL("CREATE DATABASE {}").format(name))


def run_child(command, env, label):
    """Run a command; return its wall time and peak memory (maximum resident set, MB)."""
    start = time.perf_counter()
    child = subprocess.Popen(command, env=env, cwd=ROOT)  # noqa: S603 - our own commands
    _pid, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.perf_counter() - start
    if child.returncode:
        raise SystemExit(f"{label} failed (exit code {child.returncode}).")
    return round(seconds, 1), round(usage.ru_maxrss / 1024)


def build(args, env):
    """The data set, from an empty database; returns the timings."""
    print(f"Building the data set in database {args.database}...", flush=True)
    recreate_database(args)
    media = Path(env["MEDIA_ROOT"])
    shutil.rmtree(media, ignore_errors=True)
    media.mkdir(parents=True)
    timings = {}
    build_env = {**env, "SEARCH_REINDEX_ON_SAVE": "0"}  # one timed rebuild at the end
    timings["migrate_s"], _ = run_child([*MANAGE, "migrate", "--noinput", "-v0"], build_env,
                                        "migrate")
    timings["load_demo_s"], _ = run_child([*MANAGE, "load_demo"], build_env, "load_demo")
    code = ("import sys; sys.path.insert(0, '.'); import django; django.setup(); "
            "from bench.generate import generate; "
            f"generate(contributions={args.contributions}, commitments={args.commitments}, "
            f"documents={args.documents}, vary=True)")
    timings["generate_s"], timings["generate_peak_mb"] = run_child(
        [sys.executable, "-c", code], build_env, "generating the data set")
    print(f"  migrate {timings['migrate_s']} s, demo {timings['load_demo_s']} s, generated "
          f"data {timings['generate_s']} s; rebuilding the search index...", flush=True)
    timings["rebuild_search_index_s"], timings["rebuild_search_index_peak_mb"] = run_child(
        [*MANAGE, "rebuild_search_index"], build_env, "rebuild_search_index")
    analyze(args)
    return timings


def analyze(args):
    """Fresh planner statistics, as autovacuum keeps them on a database in use: right after
    a bulk load PostgreSQL still believes the tables nearly empty and plans accordingly
    (a commitment page then takes 250 ms in a query that needs 0.4)."""
    import psycopg

    with psycopg.connect(f"{args.postgres}/{args.database}", autocommit=True) as conn:
        conn.execute("ANALYZE")


def data_summary():
    from django.db import connection

    from opengov.cocreation.models import Contribution
    from opengov.plans.models import Commitment
    from opengov.repository.models import Document, DocumentVersion
    from opengov.search.models import SearchEntry

    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_database_size(current_database())")
        size = cursor.fetchone()[0]
        cursor.execute("SELECT coalesce(sum(length(text)), 0) FROM repository_documentversion")
        text = cursor.fetchone()[0]
    summary = {"contributions": Contribution.objects.count(),
               "commitments": Commitment.objects.count(), "documents": Document.objects.count(),
               "document_versions": DocumentVersion.objects.count(),
               "document_text_mb": round(text / 1e6, 1),
               "search_entries": SearchEntry.objects.count(),
               "database_mb": round(size / 1e6)}
    connection.close()
    return summary


def targets():
    """Real addresses from the bench database: the plan with the open consultation, its
    commitments, some documents, the searches and the API lists."""
    from django.db import connection
    from django.utils import timezone

    from opengov.cocreation.models import InputMechanism
    from opengov.demo import content_contributions as cc
    from opengov.plans.models import ActionPlan, Commitment
    from opengov.repository.models import Document

    today = timezone.localdate()
    mechanism = (InputMechanism.objects.filter(kind="online_form", opens_on__lte=today,
                                               closes_on__gte=today,
                                               process__plan__is_public=True)
                 .select_related("process__plan").order_by("closes_on").first())
    if mechanism is None:
        raise SystemExit("No consultation is open today in the bench database: rebuild it "
                         "(without --reuse) so that the demo is built around today.")
    plan = mechanism.process.plan
    bench_plan = ActionPlan.objects.filter(slug__startswith="bench-plan-").order_by("-number") \
        .first() or plan
    # Many addresses, as real traffic has a long tail (most are not in the page cache).
    commitments = [f"/fr/plans/{p}/commitments/{c}/" for p, c in Commitment.objects.filter(
        plan__is_public=True).order_by("plan__number", "number").values_list(
        "plan__slug", "slug")]
    documents = [f"/fr/documents/{pk}/" for pk in Document.objects.filter(is_public=True)
                 .order_by("?").values_list("pk", flat=True)[:5000]]
    words = sorted({w.strip(".,;:!?()'’«»\"").lower() for idea in cc.IDEAS
                    for w in idea[4].split() if len(w) > 6} - {""})
    slug = plan.slug
    result = {
        "plan": slug,
        "pages": {
            "home": "/fr/", "plan": f"/fr/plans/{slug}/", "plan list": "/fr/plans/",
            "commitment": commitments[0], "bench plan": f"/fr/plans/{bench_plan.slug}/",
            "implementation": "/fr/implementation/",
            "co-creation": f"/fr/plans/{slug}/co-creation/",
            "feedback": f"/fr/plans/{slug}/co-creation/feedback/", "documents": "/fr/documents/",
            "repository": "/fr/repository/", "forum": "/fr/forum/", "calendar": "/fr/calendar/",
            "standards": f"/fr/plans/{slug}/standards/", "take part": "/fr/take-part/",
            "agencies": "/fr/agencies/", "compliance": "/fr/compliance/",
        },
        "commitments": commitments, "documents": documents, "queries": QUERIES,
        "words": words,
        "api": {name: f"/api/v1/{name}?limit=20" for name in (
            "contributions", "commitments", "documents", "plans", "milestones",
            "progress-updates", "meetings")},
        "feeds": {"updates": "/fr/feeds/updates/", "documents": "/fr/feeds/documents/",
                  "meetings": "/fr/feeds/meetings/", "opportunities": "/fr/feeds/opportunities/",
                  "calendar.ics": "/fr/calendar.ics"},
        "contribute": f"/fr/plans/{slug}/co-creation/contribute/",
        "ideas": [idea[4] for idea in cc.IDEAS if idea[0] == "fr"],
    }
    connection.close()
    return result


# -- the server -----------------------------------------------------------------------------

def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """gunicorn and, when the project has it, the background task worker."""

    def __init__(self, args, env, tmp):
        self.args, self.env, self.tmp = args, env, tmp
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = tmp / "server.log"
        self.processes = []
        self.worker_note = ""

    def _start(self, command, log):
        handle = open(log, "ab")  # noqa: SIM115 - closed with the process
        process = subprocess.Popen(command, env=self.env, cwd=ROOT, stdout=handle,  # noqa: S603
                                   stderr=subprocess.STDOUT, start_new_session=True)
        self.processes.append((process, handle))
        return process

    def start(self):
        run_child([*MANAGE, "collectstatic", "--noinput", "-v0"], self.env, "collectstatic")
        has_worker = subprocess.run(  # noqa: S603
            [*MANAGE, "help", "db_worker"], env=self.env, cwd=ROOT, capture_output=True,
            check=False).returncode == 0
        if has_worker:
            self._start([*MANAGE, "db_worker", "--no-startup-delay", "--interval", "1"],
                        self.tmp / "worker.log")  # as `make run` starts it
            self.worker_note = "background task worker: manage.py db_worker"
        else:
            self.worker_note = ("no background task worker: `manage.py db_worker` is not "
                                "available (django_tasks_db not installed in the project)")
        print(self.worker_note, flush=True)
        self.gunicorn = self._start([
            str(BIN / "gunicorn"), "opengov.wsgi:application", "--bind",
            f"127.0.0.1:{self.port}", "--workers", str(self.args.workers), "--worker-class",
            "sync", "--timeout", str(self.args.timeout), "--chdir", str(ROOT),
            "--capture-output"], self.log)
        deadline, errors = time.monotonic() + 60, 0
        while time.monotonic() < deadline and errors < 3:
            if self.gunicorn.poll() is not None:
                break
            try:
                status = requests.get(self.url + "/bench/bare/", timeout=5).status_code
            except requests.RequestException:
                status = 0
            if status == 200:
                print(f"gunicorn: {self.args.workers} sync workers at {self.url}", flush=True)
                return
            errors += status >= 500
            time.sleep(0.3)
        tail = "\n".join(self.log.read_text(errors="replace").splitlines()[-15:])
        raise SystemExit(f"The server does not answer /bench/bare/ (see {self.log}):\n{tail}")

    def stop(self):
        for process, handle in reversed(self.processes):
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
                try:
                    process.wait(timeout=40)
                except subprocess.TimeoutExpired:
                    os.killpg(process.pid, signal.SIGKILL)
                    process.wait()
            handle.close()

    def stopped(self):
        """The commands that stopped during the run (none should)."""
        return [" ".join(map(str, p.args[1:3])) for p, _h in self.processes
                if p.poll() is not None]

    def memory_mb(self):
        """Resident memory of gunicorn and its workers, MB."""
        try:
            root = psutil.Process(self.gunicorn.pid)
            return sum(p.memory_info().rss for p in [root, *root.children(recursive=True)]) / 1e6
        except psutil.Error:
            return 0

    def settle(self, limit=120):
        """Wait until the server answers the bare view quickly again: what a stage left
        running (slow requests still queued or working) has finished."""
        start = time.monotonic()
        quick = 0
        while time.monotonic() - start < limit:
            begin = time.perf_counter()
            try:
                requests.get(self.url + "/bench/bare/", timeout=limit)
                quick = quick + 1 if time.perf_counter() - begin < 0.25 else 0
            except requests.RequestException:
                quick = 0
            if quick >= 5:
                return round(time.monotonic() - start, 1)
            time.sleep(0.2)
        return None


def log_events(text):
    """Server errors (path and exception) and worker timeouts in a piece of the server log."""
    errors, current = Counter(), None
    for line in text.splitlines():
        if m := re.search(r"Internal Server Error: (\S+)", line):
            current = m[1]
        elif current and re.match(r"^[A-Za-z_][\w.]*(Error|Exception|Exit)\b", line):
            errors[f"{current} — {line.strip()[:160]}"] += 1
            current = None
    return {"server_errors": dict(errors), "worker_timeouts": text.count("WORKER TIMEOUT"),
            "workers_killed": len(re.findall(r"Worker \(pid:\d+\) was sent SIG", text))}


def smoke(server, target):
    """Each address once (it also warms the workers up): which do not answer 200."""
    urls = [*target["pages"].values(), target["commitments"][-1], target["documents"][0],
            *target["api"].values(), *target["feeds"].values(), target["contribute"],
            "/fr/search/?q=" + quote(QUERIES[0])]
    bad = {}
    for url in urls:
        begin = time.perf_counter()
        try:
            status = requests.get(server.url + url, timeout=120).status_code
        except requests.RequestException as error:
            status = type(error).__name__
        if status != 200:
            bad[url] = status
        print(f"  {url:60} {status} {time.perf_counter() - begin:6.2f} s", flush=True)
    return bad


# -- locust ---------------------------------------------------------------------------------

def run_stage(args, server, targets_file, tmp, label, users, classes, seconds):
    prefix = tmp / label.replace(" ", "-")
    tally = Path(f"{prefix}-tally.json")
    env = {**os.environ, "BENCH_TARGETS": str(targets_file), "BENCH_TALLY": str(tally),
           "BENCH_WAIT": args.wait, "BENCH_CONTRIBUTORS": str(args.contributors),
           "BENCH_CONTRIBUTION_EVERY": str(args.contribution_every)}
    offset = server.log.stat().st_size
    peak = [0.0]
    done = threading.Event()

    def sample():
        while not done.wait(1):
            peak[0] = max(peak[0], server.memory_mb())

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    print(f"Stage {label}: {users} users for {seconds} s ({', '.join(classes)})", flush=True)
    load_before = os.getloadavg()[0]
    with open(f"{prefix}-locust.log", "wb") as log:
        subprocess.run([  # noqa: S603
            str(BIN / "locust"), "-f", str(ROOT / "bench" / "locustfile.py"), "--headless",
            "-u", str(users), "-r", str(users), "--run-time", f"{seconds}s", "--host",
            server.url, "--csv", str(prefix), "--only-summary", "--loglevel", "WARNING",
            "--exit-code-on-error", "0", *classes], env=env, cwd=ROOT, check=True,
            stdout=log, stderr=subprocess.STDOUT)
    done.set()
    with server.log.open(encoding="utf-8", errors="replace") as handle:
        handle.seek(offset)
        events = log_events(handle.read())
    with open(f"{prefix}_stats.csv", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    counts = json.loads(tally.read_text()) if tally.exists() else {}
    kinds = {}
    for row in rows:
        name = row["Name"]
        count = counts.get(name, {})
        kinds[name] = {
            "requests": int(row["Request Count"]), "failures": int(row["Failure Count"]),
            "rps": float(row["Requests/s"]), "p50": _ms(row["50%"]), "p95": _ms(row["95%"]),
            "p99": _ms(row["99%"]), "5xx": count.get("5xx", 0), "429": count.get("429", 0),
            "other": count.get("other", 0), "limited": count.get("limited", 0),
            "statuses": count.get("statuses", {}), "cache": count.get("cache", {}),
        }
    if "Aggregated" in kinds:  # the tally has no total line: sum it
        for key in ("5xx", "429", "other", "limited"):
            kinds["Aggregated"][key] = sum(v[key] for k, v in kinds.items() if k != "Aggregated")
        kinds["Aggregated"]["cache"] = dict(sum(
            (Counter(v["cache"]) for k, v in kinds.items() if k != "Aggregated"), Counter()))
    return {"label": label, "users": users, "seconds": seconds, "kinds": kinds,
            "server_peak_mb": round(peak[0]), "tasks_waiting": waiting_tasks(),
            "load": [load_before, os.getloadavg()[0]], **events}


def waiting_tasks():
    """Background tasks still waiting in the database queue, or None without one."""
    from django.apps import apps

    model = next((m for m in apps.get_models() if m.__name__ == "DBTaskResult"), None)
    if model is None:
        return None
    from django.db.models import Q
    from django.utils import timezone

    count = model.objects.filter(Q(run_after__isnull=True) | Q(run_after__lte=timezone.now()),
                                 status="READY").count()
    from django.db import connection

    connection.close()
    return count


def _ms(value):
    return None if value in ("", "N/A") else int(float(value))


# -- a new contribution in the search -------------------------------------------------------

def made_up_word(rng):
    """A word in no dictionary, so that a search finds only the contribution holding it."""
    consonants, vowels = "bdfglmnprstvz", "aeiou"
    return "".join(rng.choice(consonants) + rng.choice(vowels) for _ in range(5)) + "x"


def contribution_fields(token, text, title=""):
    """What the public form (opengov.cocreation.forms.ContributionForm) posts, honeypot
    (``website``) left empty and consent given."""
    return {"csrfmiddlewaretoken": token, "text": text, "title": title,
            "stakeholder_type": "citizen", "author_name": "", "author_organisation": "",
            "author_email": "", "consent_to_publish": "on", "website": ""}


def searchable(args, server, target):
    """POST a contribution holding a made-up word; check that the search does not show it
    while it waits for moderation; publish it as the demo's moderator does (workspace); then
    poll the search every 0.5 s until the word is found."""
    word = made_up_word(secrets.SystemRandom())
    public, url = requests.Session(), server.url + target["contribute"]
    form = public.get(url, timeout=60)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.text)
    if token is None:
        return {"word": word, "note": f"the contribution form answered {form.status_code}"}
    token = token[1]
    sent = time.monotonic()
    answer = public.post(url, data=contribution_fields(
        token, f"Une idée pour mesurer la recherche : {word}.", f"Idée {word}"),
        headers={"Referer": url, "X-Bench-Client": "10.255.255.254"},
        allow_redirects=False, timeout=300)
    result = {"word": word, "post_status": answer.status_code,
              "post_s": round(time.monotonic() - sent, 2)}
    reference = answer.headers.get("Location", "").rstrip("/").rsplit("/", 1)[-1]
    if answer.status_code != 302 or not reference.startswith("C-"):
        result["note"] = "the contribution was not accepted"
        return result

    def found():  # its link among the hits (the page repeats the query itself)
        page = requests.get(server.url + "/fr/search/?q=" + quote(word), timeout=120)
        result["search_x_cache"] = page.headers.get("X-Cache", "")
        return page.status_code == 200 and f"/contributions/{reference}/" in page.text

    result["found_while_pending"] = any(found() or time.sleep(0.5) for _ in range(6))
    moderator = requests.Session()
    login = server.url + "/fr/sign-in/"
    page = moderator.get(login, timeout=60)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
    if token is None:
        return {**result, "note": f"the sign-in page answered {page.status_code}"}
    moderator.post(login, data={"csrfmiddlewaretoken": token[1], "username": "moderation",
                                "password": DEMO_PASSWORD}, headers={"Referer": login},
                   timeout=60)
    from opengov.cocreation.models import Contribution

    pk = Contribution.objects.get(reference=reference).pk
    desk = server.url + "/fr/workspace/moderation/"
    moderator.get(desk, timeout=120)
    published = time.monotonic()
    try:
        decision = moderator.post(
            f"{server.url}/fr/workspace/moderation/contribution/{pk}/",
            data={"csrfmiddlewaretoken": moderator.cookies.get("csrftoken", ""),
                  "decision": "published", "reason": ""},
            headers={"Referer": desk}, allow_redirects=False, timeout=300)
        result["publish_status"] = decision.status_code
    except requests.RequestException as error:
        result["publish_status"] = type(error).__name__
    result["publish_s"] = round(time.monotonic() - published, 2)
    state = Contribution.objects.get(pk=pk).moderation_state
    result["state"] = state
    while time.monotonic() - published < args.searchable_timeout:
        if found():
            result["searchable_after_publish_s"] = round(time.monotonic() - published, 1)
            result["searchable_after_post_s"] = round(time.monotonic() - sent, 1)
            break
        time.sleep(0.5)
    from opengov.search.models import SearchEntry

    result["in_the_index"] = SearchEntry.objects.filter(kind="contribution",
                                                        object_id=pk).exists()
    return result


# -- the report -----------------------------------------------------------------------------

def table(stages, bare):
    lines = ["| users | request kind | requests | req/s | p50 ms | p95 ms | p99 ms | × bare "
             "| from cache | 5xx | other failures |", "| ---: | --- | ---: | ---: | ---: | ---: "
             "| ---: | ---: | ---: | ---: | ---: |"]
    for stage in stages:
        base = bare.get(stage["users"])
        order = sorted((k for k in stage["kinds"] if k != "Aggregated"),
                       key=lambda k: (k == "bare view", k))
        for name in [*order, "Aggregated"]:
            if name not in stage["kinds"]:
                continue
            k = stage["kinds"][name]
            ratio = f"{k['rps'] / base:.3f}" if base else "–"
            other = k["other"] + k["429"]
            notes = []
            if k["429"]:
                notes.append(f"{k['429']} × 429")
            if k["limited"]:
                notes.append(f"{k['limited']} refused by the rate limit")
            other_text = f"{other}" + (f" ({', '.join(notes)})" if notes else "")
            label = "**all site requests**" if name == "Aggregated" else name
            lines.append(f"| {stage['users']} | {label} | {k['requests']} | {k['rps']:.1f} | "
                         f"{_cell(k['p50'])} | {_cell(k['p95'])} | {_cell(k['p99'])} | {ratio} "
                         f"| {_share(k.get('cache', {}))} | {k['5xx']} | {other_text} |")
    return "\n".join(lines)


def _share(cache):
    """The share of answers served from the public page cache (X-Cache: hit)."""
    answered = sum(cache.values())
    return f"{100 * cache.get('hit', 0) / answered:.0f}%" if answered else "–"


def _cell(value):
    return "–" if value is None else str(value)


def report(args, info, stages, search, note):
    bare = {s["users"]: s["kinds"].get("bare view", {}).get("rps") for s in stages
            if s["label"].startswith("bare")}
    site = [s for s in stages if not s["label"].startswith("bare")]
    bare_stages = [s for s in stages if s["label"].startswith("bare")]
    out = [f"`{info['command']}`", "",
           f"Load benchmark: {info['data']['contributions']:,} contributions, "
           f"{info['data']['commitments']:,} commitments, {info['data']['documents']:,} "
           f"documents ({info['data']['document_text_mb']} MB of text), "
           f"{info['data']['search_entries']:,} search entries; PostgreSQL "
           f"({info['data']['database_mb']} MB); gunicorn {args.workers} sync workers "
           f"(timeout {args.timeout} s); think time {args.wait} s; {args.contributors} "
           f"contributor(s) posting every {args.contribution_every} s; cache "
           f"{'Redis' if args.redis else 'per process (locmem)'}; {note}.", ""]
    if info.get("build"):
        b = info["build"]
        out += [f"Build{' (earlier, database reused)' if b.get('reused') else ''}: "
                f"migrate {b['migrate_s']} s, demo {b['load_demo_s']} s, generated data "
                f"{b['generate_s']} s (peak {b['generate_peak_mb']} MB); "
                f"`rebuild_search_index` {b['rebuild_search_index_s']} s, peak memory "
                f"{b['rebuild_search_index_peak_mb']} MB.", ""]
    out += [f"Bare view alone (its own stage of {args.bare_run_time} s): " + ", ".join(
        f"{s['users']} users {bare[s['users']]:.0f} req/s" for s in bare_stages
        if bare.get(s["users"])) + f"; site stages of {args.run_time} s.", "",
        table(site, bare), ""]
    for stage in stages:
        extra = []
        if stage["server_errors"]:
            extra.append("server errors: " + "; ".join(
                f"{n} × {what}" for what, n in stage["server_errors"].items()))
        if stage["worker_timeouts"]:
            extra.append(f"{stage['worker_timeouts']} gunicorn worker timeouts")
        extra.append(f"server memory peak {stage['server_peak_mb']} MB")
        extra.append("machine load average {:.1f} before, {:.1f} after".format(*stage["load"]))
        if stage.get("tasks_waiting") is not None:
            extra.append(f"{stage['tasks_waiting']} background tasks waiting at its end")
        if stage.get("settled_s") is None and not stage["label"].startswith("bare"):
            extra.append("the server was still busy 120 s after the stage")
        out.append(f"- {stage['label']} ({stage['users']} users): " + "; ".join(extra))
    out.append("")
    if search:
        if "searchable_after_publish_s" in search:
            out.append(f"A new contribution is searchable within "
                       f"{search['searchable_after_publish_s']} s of its publication by a "
                       f"moderator (the public POST took {search['post_s']} s, the "
                       f"moderator's decision {search['publish_s']} s; while it awaited "
                       f"moderation the search did not show it).")
        else:
            why = ""
            if search.get("in_the_index") and search.get("search_x_cache") == "hit":
                why = (" although it is in the search index: the search page was served "
                       "from the public page cache (X-Cache: hit), stored before the index "
                       "task ran")
            out.append(f"A new contribution: not searchable within {args.searchable_timeout:.0f}"
                       f" s of its publication by a moderator{why} ({search}).")
        if search.get("found_while_pending"):
            out.append("WARNING: the search showed the contribution while it was still "
                       "awaiting moderation.")
    return "\n".join(out)


# -- main -----------------------------------------------------------------------------------

def main(argv=None):
    args = arguments(argv)
    tmp = Path(tempfile.mkdtemp(prefix="opengov-bench-load-"))
    database_url = f"{args.postgres}/{args.database}"
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "bench.settings", "DATABASE_URL":
           database_url, "DEBUG": "0", "SECRET_KEY": secrets.token_urlsafe(50),
           "ALLOWED_HOSTS": "127.0.0.1,localhost",
           "BENCH_STATIC_ROOT": str(tmp / "static"), "PAGE_CACHE_DIR": str(tmp / "page-cache"),
           # the demo's files, kept with the database they belong to (--reuse)
           "MEDIA_ROOT": str(ROOT / "var" / f"bench-media-{args.database}"),
           "PYTHONPATH": str(ROOT)}
    if args.redis:
        env["REDIS_URL"] = args.redis
    else:
        env.pop("REDIS_URL", None)
    os.environ.update({"DJANGO_SETTINGS_MODULE": "bench.settings", "DATABASE_URL":
                       database_url, "SEARCH_REINDEX_ON_SAVE": "0"})
    info = {"database": args.database, "command": " ".join(["bench/load.py", *(
        argv if argv is not None else sys.argv[1:])])}
    RESULTS.mkdir(exist_ok=True)
    built = RESULTS / f"load-build-{args.database}.json"
    if args.reuse and database_built(args):
        print(f"Reusing database {args.database} (--reuse); applying new migrations.",
              flush=True)
        run_child([*MANAGE, "migrate", "--noinput", "-v0"], {
            **env, "SEARCH_REINDEX_ON_SAVE": "0"}, "migrate")
        analyze(args)
        if built.exists():
            info["build"] = {**json.loads(built.read_text()).get("build", {}), "reused": True}
    else:
        info["build"] = build(args, env)
    import django

    django.setup()
    info["data"] = data_summary()
    print("Data:", json.dumps(info["data"]), flush=True)
    if info.get("build"):
        print("Build:", json.dumps(info["build"]), flush=True)
        if not info["build"].get("reused"):
            built.write_text(json.dumps(info, indent=1))
    if args.skip_load:
        return
    target = targets()
    targets_file = tmp / "targets.json"
    targets_file.write_text(json.dumps(target, ensure_ascii=False, indent=1))
    server = Server(args, env, tmp)
    stages, search = [], None
    try:
        begin = time.monotonic()
        server.start()
        print(f"Static files collected and server started in {time.monotonic() - begin:.0f} s;"
              " each address once:", flush=True)
        info["not_200"] = smoke(server, target)
        home = requests.get(server.url + "/fr/", timeout=60).text
        target["static"] = sorted(set(re.findall(r'(?:href|src)="(/static/[^"]+)"', home)))
        targets_file.write_text(json.dumps(target, ensure_ascii=False, indent=1))
        for users in args.users:
            waited = server.settle()
            idle = "not idle after 120 s" if waited is None else f"idle after {waited} s"
            print(f"Server {idle}", flush=True)
            stages.append(run_stage(args, server, targets_file, tmp, f"bare {users}", users,
                                    ["Bare"], args.bare_run_time))
            stages.append(run_stage(args, server, targets_file, tmp, f"site {users}", users,
                                    APP_USERS, args.run_time))
            stages[-1]["settled_s"] = server.settle()
        search = searchable(args, server, target)
        died = server.stopped()
        if died:
            print(f"Stopped during the run: {died}; see {tmp}", flush=True)
    finally:
        server.stop()
    text = report(args, info, stages, search, server.worker_note)
    if info["not_200"]:
        text += "\n\nNot answering 200 before the load: " + ", ".join(
            f"{url} ({status})" for url, status in info["not_200"].items())
    print("\n" + text)
    (RESULTS / "load.md").write_text(text + "\n")
    (RESULTS / "load.json").write_text(json.dumps(
        {"arguments": vars(args), **info, "stages": stages, "searchable": search}, indent=1))
    print(f"\nWritten to bench/results/load.md and load.json; server logs in {tmp}")
    shutil.rmtree(tmp / "static", ignore_errors=True)


if __name__ == "__main__":
    main()

"""The users of the load benchmark (bench/load.py starts locust with this file).

The addresses come from ``BENCH_TARGETS`` (a JSON file bench/load.py writes from the bench
database: real slugs and ids). ``BENCH_WAIT`` is the think time ("0": back to back, which
measures capacity; "1,3": one to three seconds). ``BENCH_TALLY`` is where the counts of
server errors, other failures and refusals by the rate limit are written at the end.

Run alone: BENCH_TARGETS=targets.json locust -f bench/locustfile.py --host http://...
"""

import json
import os
import random
import re
import sys
from collections import defaultdict
from pathlib import Path
from urllib.parse import urlencode

from locust import between, constant, constant_pacing, events, task
from locust.contrib.fasthttp import FastHttpUser

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.load import contribution_fields, made_up_word  # noqa: E402

TARGETS = json.loads(open(os.environ["BENCH_TARGETS"], encoding="utf-8").read())  # noqa: SIM115
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
TALLY = defaultdict(lambda: {"5xx": 0, "other": 0, "429": 0, "limited": 0, "statuses": {},
                             "cache": {}})


def _wait():
    value = os.environ.get("BENCH_WAIT", "0").strip()
    if "," in value:
        low, high = (float(v) for v in value.split(","))
        return between(low, high)
    return constant(float(value or 0))


@events.request.add_listener
def _count(name, response, exception, **_kwargs):
    status = getattr(response, "status_code", 0) or 0
    counts = TALLY[name]
    counts["statuses"][str(status)] = counts["statuses"].get(str(status), 0) + 1
    cache = (getattr(response, "headers", None) or {}).get("X-Cache")
    if cache:  # served from the public page cache, or rendered (opengov.core.public_cache)
        counts["cache"][cache] = counts["cache"].get(cache, 0) + 1
    if status >= 500:
        counts["5xx"] += 1
    elif status == 429:
        counts["429"] += 1
    elif exception is not None:
        counts["other"] += 1


@events.quitting.add_listener
def _write_tally(**_kwargs):
    path = os.environ.get("BENCH_TALLY")
    if path:
        with open(path, "w", encoding="utf-8") as handle:
            json.dump(TALLY, handle, indent=1)


class Site(FastHttpUser):
    abstract = True
    wait_time = _wait()
    network_timeout = connection_timeout = float(os.environ.get("BENCH_CLIENT_TIMEOUT", "60"))

    def get(self, name, url):
        return self.client.get(url, name=name)


class Visitor(Site):
    """Anonymous public pages, in French as most visitors read them."""

    weight = 60

    @task(6)
    def home(self):
        self.get("page: home", TARGETS["pages"]["home"])

    @task(2)
    def random_page(self):
        name, url = random.choice(list(TARGETS["pages"].items()))
        self.get(f"page: {name}", url)

    @task(3)
    def plan(self):
        self.get("page: plan", TARGETS["pages"]["plan"])

    @task(3)
    def commitment(self):
        self.get("page: commitment", random.choice(TARGETS["commitments"]))

    @task(2)
    def cocreation(self):
        self.get("page: co-creation", TARGETS["pages"]["co-creation"])

    @task(1)
    def document(self):
        self.get("page: document", random.choice(TARGETS["documents"]))

    @task(2)
    def static(self):  # a first visit's style sheet or script, served by whitenoise
        if TARGETS.get("static"):
            self.get("static file", random.choice(TARGETS["static"]))


class Searcher(Site):
    weight = 15

    @task
    def search(self):
        """Half the searches are the popular few, half are two words of the public's ideas
        (rarely asked twice, so rarely in the page cache)."""
        if random.random() < 0.5:
            query = random.choice(TARGETS["queries"])
        else:
            query = " ".join(random.sample(TARGETS["words"], 2))
        self.get("search", "/fr/search/?" + urlencode({"q": query}))


class ApiClient(Site):
    weight = 15

    @task
    def api(self):
        name, url = random.choice(list(TARGETS["api"].items()))
        if random.random() < 0.5:  # further pages too, not only the first
            url += f"&offset={random.randrange(20, 1000, 20)}"
        self.get(f"api: {name}", url)


class FeedReader(Site):
    weight = 10

    @task
    def feed(self):
        name, url = random.choice(list(TARGETS["feeds"].items()))
        self.get(f"feed: {name}", url)


def _refused_by_limit(html):
    """The form came back with an error about no field: the per-address limit's."""
    return 'id="error-summary"' in html and '<li><a href="#id_' not in html


class Contributor(Site):
    """Sends a contribution through the public form every few seconds: GET the form (its
    CSRF cookie and token), then POST it. Each POST claims its own address (X-Bench-Client,
    see bench/settings.py) so that the per-address limit does not refuse them all."""

    fixed_count = int(os.environ.get("BENCH_CONTRIBUTORS", "1"))
    wait_time = constant_pacing(float(os.environ.get("BENCH_CONTRIBUTION_EVERY", "4")))

    @task
    def contribute(self):
        url = TARGETS["contribute"]
        with self.client.get(url, name="contribution form", catch_response=True) as page:
            match = CSRF.search(page.text or "")
            if match is None:
                page.failure("no CSRF token in the contribution form")
                return
        idea = random.choice(TARGETS["ideas"])
        text = f"{idea} {made_up_word(random)}"
        address = "10.{}.{}.{}".format(*random.sample(range(1, 255), 3))
        with self.client.post(
                url, data=urlencode(contribution_fields(match[1], text)), name="contribution POST",
                headers={"Content-Type": "application/x-www-form-urlencoded", "Referer": url,
                         "X-Bench-Client": address},
                allow_redirects=False, catch_response=True) as answer:
            location = answer.headers.get("Location", "") if answer.headers else ""
            if answer.status_code == 302 and "/contributions/" in location:
                answer.success()
            elif answer.status_code == 200 and _refused_by_limit(answer.text or ""):
                TALLY["contribution POST"]["limited"] += 1  # the form's "try again later"
                answer.success()
            elif answer.status_code == 200:
                answer.failure("the form was refused")


class Bare(Site):
    """Only the bare view: load.py runs it alone, in its own stage."""

    @task
    def bare(self):
        self.get("bare view", "/bench/bare/")



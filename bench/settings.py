"""Settings of the load benchmark's server (bench/load.py): the real settings, plus a bare view.

Only what the benchmark needs differs from production:

- ``ROOT_URLCONF`` adds ``/bench/bare/`` (bench/urls.py), a view that only answers "ok"
  through the whole middleware stack: the ceiling the real pages are compared with.
- the contribution form's rate limit is a constant of the view (6 an hour per address,
  ``opengov.cocreation.views.SUBMISSIONS_PER_HOUR``), not a setting. The benchmark keeps it
  and sends each simulated contributor's address in ``X-Bench-Client`` instead, as if
  contributors came from many connections; the limiter still counts every POST.
- static files are collected into a temporary folder (``BENCH_STATIC_ROOT``).
"""

import ipaddress
import os

from opengov.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
if os.environ.get("BENCH_STATIC_ROOT"):
    STATIC_ROOT = os.environ["BENCH_STATIC_ROOT"]


def client_address(request):
    """The simulated contributor's address, or the connection's when there is none."""
    claimed = request.META.get("HTTP_X_BENCH_CLIENT", "")
    try:
        return str(ipaddress.ip_address(claimed))
    except ValueError:
        return request.META["REMOTE_ADDR"]


RATELIMIT_IP_META_KEY = client_address

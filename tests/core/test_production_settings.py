"""The settings a deployment uses: no start without a real secret key, and Django's own
deployment check clean but for the warnings README explains."""

import os
import re
import secrets
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text()
# Left to the operator, and explained in README's deployment section.
EXPLAINED = {"security.W005", "security.W021"}


def run(args, **env):
    # The browser tests of the same worker set DJANGO_ALLOW_ASYNC_UNSAFE (for playwright):
    # no deployment has it, and check --deploy rightly refuses it.
    clean = {key: value for key, value in os.environ.items()
             if key not in {"SECRET_KEY", "DEBUG", "DJANGO_SETTINGS_MODULE",
                            "DJANGO_ALLOW_ASYNC_UNSAFE"}}
    # No key file either, unless the test names one (the checkout's var/secret_key may exist).
    defaults = {"DJANGO_SETTINGS_MODULE": "opengov.settings",
                "SECRET_KEY_FILE": str(ROOT / "var" / "no-such-key-file")}
    return subprocess.run([sys.executable, *args], cwd=ROOT, capture_output=True, text=True,
                          env={**clean, **defaults, **env}, timeout=120)


def readme_production_environment(tmp_path):
    """The variables of README's `export` for a deployment, with its placeholders filled."""
    section = README.split("## Deploying", 1)[1]
    block = section.split("```sh", 1)[1].split("```", 1)[0]
    export = re.search(r"^export (.*?[^\\])$", block, re.S | re.M).group(1)
    env = dict(word.split("=", 1) for word in shlex.split(export.replace("\\\n", " ")))
    env["SECRET_KEY"] = secrets.token_urlsafe(64)
    env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'deploy.sqlite3'}"
    return {key: value.replace("…", "placeholder") for key, value in env.items()}


SETTINGS = ["-c", "from django.conf import settings; print(settings.SECRET_KEY[:4])"]


@pytest.mark.parametrize("key", ["", "short-key", "x" * 49])
def test_without_debug_no_start_without_a_long_secret_key(key):
    result = run(SETTINGS, DEBUG="0", SECRET_KEY=key)
    assert result.returncode != 0
    assert "Set SECRET_KEY, or SECRET_KEY_FILE, to a random value of at least 50" in result.stderr


def test_a_long_key_starts_and_a_developer_needs_none():
    assert run(SETTINGS, DEBUG="0", SECRET_KEY="k" * 50).returncode == 0
    assert run(SETTINGS, DEBUG="1").returncode == 0


def test_the_key_may_come_from_a_file(tmp_path):
    key_file = tmp_path / "secret_key"
    key_file.write_text("f" * 60 + "\n")
    result = run(SETTINGS, DEBUG="0", SECRET_KEY_FILE=str(key_file))
    assert result.returncode == 0 and result.stdout.strip() == "ffff"
    key_file.write_text("short\n")
    assert run(SETTINGS, DEBUG="0", SECRET_KEY_FILE=str(key_file)).returncode != 0


def test_check_deploy_with_readme_s_settings_reports_only_explained_warnings(tmp_path):
    env = readme_production_environment(tmp_path)
    assert {"SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS", "SECURE_COOKIES"} <= env.keys()
    result = run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], **env)
    reported = set(re.findall(r"\((\w+\.\w+)\)", result.stdout + result.stderr))
    assert reported <= EXPLAINED, result.stdout + result.stderr
    deployment = README.split("## Deploying", 1)[1]
    for check in EXPLAINED:
        assert check in deployment, f"README does not explain {check}"
    both = run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], **env,
               SECURE_HSTS_INCLUDE_SUBDOMAINS="1", SECURE_HSTS_PRELOAD="1")
    assert both.returncode == 0, both.stdout + both.stderr


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/fr/", "/api/v1/plans", "/en/sign-in/", "/en/feeds/updates/"])
def test_security_headers(client, demo, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    policy = response["Permissions-Policy"]
    assert all(f"{feature}=()" in policy for feature in ("camera", "geolocation", "microphone"))
    if url != "/api/v1/plans":
        csp = response["Content-Security-Policy"]
        assert "frame-ancestors 'none'" in csp and "unsafe-inline" not in csp

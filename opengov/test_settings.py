"""Test settings: the real settings, with only what tests need overridden."""

import os
import tempfile

# The real settings refuse to start without a long secret key; tests have their own.
os.environ.setdefault("SECRET_KEY", "test-only-key-" + "t" * 50)

from .settings import *  # noqa: E402, F403

STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MEDIA_ROOT = tempfile.mkdtemp(prefix="opengov-test-media-")
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
WHITENOISE_AUTOREFRESH = True
# Everything the platform hands the rules engine is checked against the engine's schema.
RULES_CHECK_FACTS = True
# Background tasks run at once, in the test (tests/tasks/ also run them through the database
# and Redis backends).
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
TASK_RETRY_SECONDS = 0
# Delivered versions' documents are made when first asked for, not ahead (tests/core tests
# the ahead case).
GENERATED_FILES_AHEAD = False
# Anonymous pages are served fresh, since tests change data without committing;
# tests/core/test_public_cache.py turns the cache on.
PUBLIC_CACHE = False
CACHES = {**CACHES,  # noqa: F405
          "public_pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                           "LOCATION": "public-pages"}}

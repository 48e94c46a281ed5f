"""Test settings: the real settings, with only what tests need overridden."""

import tempfile

from .settings import *  # noqa: F403

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

"""System checks for settings that would quietly weaken the platform."""

from django.conf import settings
from django.core import checks

PER_PROCESS_CACHES = {
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
    "django.core.cache.backends.filebased.FileBasedCache",
    "django.core.cache.backends.db.DatabaseCache",
}


@checks.register(checks.Tags.caches)
def rate_limits_are_shared(app_configs, **kwargs):
    """Rate limits must count in a cache every process shares, atomically: with a cache of
    one process, each worker grants its own quota and a restart resets it."""
    name = getattr(settings, "RATELIMIT_USE_CACHE", "default")
    backend = settings.CACHES.get(name, {}).get("BACKEND", "")
    if backend in PER_PROCESS_CACHES:
        return [checks.Error(
            f"The rate limits' cache ({name!r}, {backend}) is not shared by every process or "
            "does not count atomically.",
            hint="Use opengov.core.cache.SharedDatabaseCache or Redis (REDIS_URL).",
            id="opengov.E001")]
    return []

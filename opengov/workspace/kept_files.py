"""Evidence files kept across a refused submission of the progress-update form.

When the form of ``workspace:commitment`` is refused for another reason (no summary, no
reasons for a delay...), each uploaded file that passes the repository's checks
(``opengov.repository.files.validate_upload``) is put in a holding area of the default
storage, and the page says "File kept: <name>" with a ticked checkbox, so that nobody has to
pick it again. The next valid submission uses the ticked files as if they had been picked,
then removes them from the holding area.

Safety:
- the client never names a path: the checkbox carries a token signed with
  ``django.core.signing`` (its own salt) that holds a random key, the day it was made, the
  user's id and the commitment's; a token for another user or commitment, altered, or older
  than a day is ignored, and the key and day are checked against strict patterns before a
  storage name is built from them;
- the holding area is ``holding/<day>/<key>``: days older than the token's lifetime are
  removed whenever a file is kept (the app's clock, never the files' times);
- the file's original name is only shown (escaped) and used as the title, as for a file
  picked again; the repository makes it safe when it stores the version.
"""

from __future__ import annotations

import logging
import re
import secrets
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import PurePath

from django.core import signing
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

from opengov.repository.files import validate_upload

log = logging.getLogger(__name__)

FIELD = "kept_evidence"  # the name of the checkboxes that carry the tokens
UPLOAD_FIELD = "evidence"  # the form's file field
HOLDING = "holding"
MAX_AGE = timedelta(days=1)
SALT = "opengov.workspace.kept-evidence"
_KEY = re.compile(r"[0-9a-f]{32}")
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True)
class KeptFile:
    token: str
    name: str  # as the user's computer named it
    path: str  # in the default storage, built here from a checked key

    def as_upload(self) -> ContentFile:
        """The kept bytes under their original name, as the services take an upload."""
        with default_storage.open(self.path, "rb") as stored:
            return ContentFile(stored.read(), name=self.name)


def _path(day: str, key: str) -> str:
    return f"{HOLDING}/{day}/{key}"


def _payload(token, *, user, commitment):
    try:
        data = signing.loads(token, salt=SALT, max_age=MAX_AGE)
    except signing.BadSignature:  # altered, or expired (SignatureExpired is a subclass)
        return None
    if not isinstance(data, dict) or data.get("u") != user.pk or data.get("c") != commitment.pk:
        return None
    key, day, name = data.get("k"), data.get("d"), data.get("n")
    if not (isinstance(key, str) and _KEY.fullmatch(key) and isinstance(day, str)
            and _DAY.fullmatch(day) and isinstance(name, str) and name):
        return None
    return key, day, name


def load(tokens, *, user, commitment) -> list[KeptFile]:
    """The kept files the request's tokens name, for this user and commitment; tokens that
    are altered, expired, someone else's or name a file no longer held are ignored."""
    kept = []
    for token in dict.fromkeys(tokens):  # each once, in order
        payload = _payload(token, user=user, commitment=commitment)
        if payload is None:
            continue
        key, day, name = payload
        path = _path(day, key)
        if default_storage.exists(path):
            kept.append(KeptFile(token=token, name=name, path=path))
    return kept


def purge(today: date | None = None) -> None:
    """Remove the holding area's days that no token can still name."""
    today = today or timezone.localdate()
    try:
        days, _files = default_storage.listdir(HOLDING)
    except (FileNotFoundError, NotADirectoryError):
        return
    for day in days:
        try:
            if date.fromisoformat(day) >= today - MAX_AGE:
                continue
        except ValueError:  # not a day this module made
            continue
        try:
            _dirs, files = default_storage.listdir(f"{HOLDING}/{day}")
            for name in files:
                default_storage.delete(f"{HOLDING}/{day}/{name}")
            default_storage.delete(f"{HOLDING}/{day}")
        except OSError:  # removed concurrently, or a storage without directories
            log.warning("Could not empty the holding area's day %s", day, exc_info=True)


def keep(upload, *, user, commitment) -> KeptFile:
    """Hold ``upload`` (already validated) under a random name; a token names it."""
    purge()
    day, key = timezone.localdate().isoformat(), secrets.token_hex(16)
    upload.seek(0)
    path = default_storage.save(_path(day, key), upload)
    if path != _path(day, key):  # the storage picked another name: do not keep it
        default_storage.delete(path)
        raise OSError("The holding area renamed a kept file.")
    name = PurePath(upload.name.replace("\\", "/")).name[:255] or "document"
    token = signing.dumps({"u": user.pk, "c": commitment.pk, "k": key, "d": day, "n": name},
                          salt=SALT)
    return KeptFile(token=token, name=name, path=path)


def keep_uploads(request, form, *, commitment) -> list[KeptFile]:
    """After a refused submission: keep each uploaded file that passes the repository's
    checks, and say on the form what is wrong with the others."""
    kept = []
    for upload in request.FILES.getlist(UPLOAD_FIELD):
        try:
            validate_upload(upload)
        except ValidationError as error:
            if not form.has_error(UPLOAD_FIELD):  # the service may already have said it
                form.add_error(UPLOAD_FIELD, error)
            continue
        try:
            kept.append(keep(upload, user=request.user, commitment=commitment))
        except OSError:  # the storage failed: the user picks the file again, as before
            log.warning("Could not keep an uploaded file", exc_info=True)
    return kept


def discard(kept) -> None:
    """Remove used files from the holding area."""
    for file in kept:
        default_storage.delete(file.path)

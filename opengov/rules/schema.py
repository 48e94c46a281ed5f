"""The engine's published JSON Schemas, and the strict check of its input against them.

``evaluate`` refuses what it cannot read: an unknown key, an unknown value or a malformed
date would otherwise become a confident verdict built on missing facts (a misspelt
``is_challenge`` silently skips CM5). Each problem is reported with its JSON path, what was
expected and what was given, for example::

    commitment_checks.status: "cocreation" is not one of ["co_creation", "implementation",
    "completed"]
"""

from __future__ import annotations

import difflib
import json
from functools import cache
from importlib import resources

from jsonschema import Draft202012Validator

from .facts import FactsError

MAX_PROBLEMS = 20  # a badly wrong file would otherwise print a page of errors


@cache
def load(name: str) -> dict:
    """``facts`` or ``output``: the schema shipped in ``opengov/rules/schemas/``."""
    text = resources.files(__package__).joinpath("schemas", f"{name}.schema.json").read_text(
        encoding="utf-8")
    return json.loads(text)


@cache
def _validator(name: str) -> Draft202012Validator:
    schema = load(name)
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def json_path(parts) -> str:
    """``["meetings", 0, "kind"]`` → ``meetings[0].kind``; the whole document is ``facts``."""
    path = ""
    for part in parts:
        path += f"[{part}]" if isinstance(part, int) else (f".{part}" if path else str(part))
    return path or "facts"


def _show(value, limit=80) -> str:
    """A value as JSON; what was given is shortened, what is expected never is."""
    text = json.dumps(value, ensure_ascii=False)
    return text if limit is None or len(text) <= limit else text[:limit - 3] + "..."


def _expected_type(schema: dict) -> str:
    kinds = schema.get("type")
    kinds = [kinds] if isinstance(kinds, str) else list(kinds or [])
    names = {"string": "a text", "integer": "a whole number", "number": "a number",
             "boolean": "true or false", "array": "a list", "object": "an object",
             "null": "null"}
    return " or ".join(names.get(k, k) for k in kinds)


def _messages(error) -> list[str]:
    """What one schema error means, in words a person writing JSON by hand can act on."""
    path, value, schema, kind = (json_path(error.absolute_path), error.instance, error.schema,
                                 error.validator)
    if kind == "additionalProperties":
        known = sorted(schema.get("properties", {}))
        found = []
        for key in sorted(set(value) - set(known)):
            close = difflib.get_close_matches(key, known, n=1, cutoff=0.6) or [
                k for k in known if k.startswith(key) or key.startswith(k)][:1]
            hint = f'did you mean "{close[0]}"? ' if close else ""
            found.append(f"{json_path([*error.absolute_path, key])}: unknown key; {hint}"
                         f"expected one of {_show(known, None)}")
        return found
    if kind == "enum":
        return [f"{path}: {_show(value)} is not one of {_show(error.validator_value, None)}"]
    if kind == "required":
        missing = [k for k in error.validator_value if k not in value]
        return [f"{json_path([*error.absolute_path, k])}: is required" for k in missing]
    if kind in {"format", "pattern"} and schema.get("format") == "date":
        return [f"{path}: {_show(value)} is not a date; expected YYYY-MM-DD"]
    if kind == "type":
        return [f"{path}: expected {_expected_type(schema)}, got {_show(value)}"]
    if kind in {"anyOf", "oneOf"}:
        # A date or null, a text or a text per language: report the closest branch.
        best = max(error.context, key=lambda e: len(e.absolute_path), default=None)
        if best is not None and len(best.absolute_path) > len(error.absolute_path):
            return _messages(best)
        if any(s.get("$ref", "").endswith("/date") for s in schema.get(kind, [])):
            return [f"{path}: {_show(value)} is not a date; expected YYYY-MM-DD or null"]
        return [f"{path}: {_show(value)} is neither a text nor an object of texts per "
                "language"]
    if kind in {"minimum", "maximum"}:
        word = "at least" if kind == "minimum" else "at most"
        return [f"{path}: expected {word} {error.validator_value}, got {_show(value)}"]
    if kind == "uniqueItems":
        return [f"{path}: each value may appear only once"]
    if kind == "minItems":
        return [f"{path}: expected at least {error.validator_value} item(s)"]
    return [f"{path}: {error.message}"]


def problems(data, name: str = "facts") -> list[str]:
    """Every way ``data`` departs from the schema, sorted by path (empty when it conforms)."""
    found = []
    for error in _validator(name).iter_errors(data):
        found += _messages(error)
    return sorted(set(found))


def validate(data, name: str = "facts") -> None:
    """Raise FactsError naming every problem (one a line), or return when ``data`` conforms."""
    found = problems(data, name)
    if found:
        extra = len(found) - MAX_PROBLEMS
        lines = found[:MAX_PROBLEMS] + ([f"... and {extra} more"] if extra > 0 else [])
        raise FactsError("\n".join(lines))

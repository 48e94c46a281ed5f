"""Two steps every "create or change" service shares.

``for_save`` gives the record to write: a new one under its parent (asking the add
permission about the parent), or the stored row locked for the change (asking the change
permission about it, whatever the caller holds in memory). ``assign`` sets only the fields a
service allows, or their per-language columns, and says which changed, for the log.
"""

from django.conf import settings
from django.core.exceptions import ValidationError

from .activity import authorise


def for_save(*, actor, model, obj, parent_field, parent, elsewhere):
    """``(record, is_new)``. ``elsewhere`` is the message when ``obj`` hangs under another
    parent than ``parent`` (a crafted request moving it)."""
    label = f"{model._meta.app_label}.%s_{model._meta.model_name}"
    if obj is None or obj.pk is None:
        authorise(actor, label % "add", parent)
        return model(**{parent_field: parent}), True
    if getattr(obj, f"{parent_field}_id") != parent.pk:
        raise ValidationError(elsewhere)
    obj = model.objects.select_for_update().get(pk=obj.pk)
    authorise(actor, label % "change", obj)
    return obj, False


def assign(obj, values, allowed) -> list[str]:
    """Set ``values`` on ``obj`` and return the names that changed.

    Only the fields in ``allowed``, or their per-language columns (``title_fr``...), may be
    set: anything else is a programming error (TypeError), never a silent write.
    """
    languages = set(settings.MODELTRANSLATION_LANGUAGES)
    changed = []
    for name, value in values.items():
        root, _sep, lang = name.rpartition("_")
        if name not in allowed and not (root in allowed and lang in languages):
            raise TypeError(f"{type(obj).__name__}.{name} cannot be set here.")
        field = obj._meta.get_field(name)
        if field.is_relation:
            before, after = getattr(obj, field.attname), getattr(value, "pk", value)
        else:
            before, after = getattr(obj, name), value
        if before != after and not (before in (None, "") and after in (None, "")):
            changed.append(name)
        setattr(obj, name, value)
    return changed

"""What every workspace view does before it acts: check the permission on the object."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404


def require(user, perm, obj):
    """403 unless ``user`` holds ``perm`` on ``obj`` (the record, or the new record's
    parent)."""
    if not user.has_perm(perm, obj):
        raise PermissionDenied


def new_or_stored(user, model, queryset, pk, **parent):
    """The record a create-or-change page works on: a new ``model`` under ``parent`` (the
    add permission asked about the parent), or the one of ``queryset`` numbered ``pk`` (the
    change permission asked about it)."""
    label = f"{model._meta.app_label}.%s_{model._meta.model_name}"
    if pk is None:
        (name, value), = parent.items()
        require(user, label % "add", value)
        return model(**parent)
    obj = get_object_or_404(queryset, pk=pk)
    require(user, label % "change", obj)
    return obj

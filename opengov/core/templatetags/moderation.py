from django import template

from opengov.core.forms import AutomaticFlag

register = template.Library()


@register.filter
def flag_reason(reason):
    """A stored moderation reason, in the reader's language when the platform wrote it."""
    return AutomaticFlag.describe(reason)

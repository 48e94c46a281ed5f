from django import template

register = template.Library()


@register.filter
def has_required_fields(form):
    """Whether a form shows at least one field that must be filled in (its note says what the
    star means)."""
    return any(field.field.required for field in form.visible_fields()
               if field.name != "website")

from django.conf import settings

from .models import Member


def current_member():
    """The member this site serves: OPENGOV_MEMBER (a slug) or the only/first member."""
    slug = getattr(settings, "OPENGOV_MEMBER", "")
    members = Member.objects.select_related("lead_agency", "point_of_contact__organisation")
    if slug:
        return members.filter(slug=slug).first()
    return members.order_by("pk").first()


def member_for_request(request):
    """``current_member`` once per request (the layout and the view both need it)."""
    if not hasattr(request, "_opengov_member"):
        request._opengov_member = current_member()
    return request._opengov_member

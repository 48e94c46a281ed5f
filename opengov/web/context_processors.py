from opengov.members.selectors import member_for_request


def site(request):
    """The member whose site this is, for the header and footer of every page."""
    return {"site_member": member_for_request(request)}

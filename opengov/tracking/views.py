"""Public pages of implementation: one progress update, its evidence and comments (W2)."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from django_ratelimit.core import is_ratelimited

from opengov.web.views import member_or_404

from . import selectors, services
from .forms import CommentForm

COMMENTS_PER_HOUR = "6/h"
# After a comment is sent, the page opens at its confirmation, not at the emptied form.
MESSAGES = "#messages"


def comment_from_form(request, form, **target) -> bool:
    """Record a valid public comment on ``target`` (``update=`` or ``self_assessment=``),
    within the rate limit; False, with the reason on the form, when it was not recorded."""
    if not form.is_valid():
        return False
    if is_ratelimited(request, group="comment", key="ip", rate=COMMENTS_PER_HOUR,
                      method="POST", increment=True):
        form.add_error(None, _("Many comments were sent from your connection in the last "
                               "hour. Please try again later: your text is kept below."))
        return False
    services.comment_submit(text=form.cleaned_data["text"],
                            author_name=form.cleaned_data["author_name"],
                            author_email=form.cleaned_data["author_email"],
                            robot=form.is_robot, suspicion=form.suspicion, **target)
    messages.success(request, _("Thank you! Your comment will appear here once a moderator "
                                "has read it."))
    return True


@require_http_methods(["GET", "HEAD", "POST"])
def update_detail(request, pk):
    member = member_or_404(request)
    update = selectors.public_update(member, pk)
    form = CommentForm(request.POST or None)
    if request.method == "POST" and comment_from_form(request, form, update=update):
        return redirect(reverse("tracking:update_detail", args=[update.pk]) + MESSAGES)
    return render(request, "tracking/update_detail.html", {
        "member": member, "plan": update.commitment.plan, "commitment": update.commitment,
        "update": update, "evidence": update.evidence.public(),
        "comments": selectors.public_comments(update), "form": form})

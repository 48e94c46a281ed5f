"""Public pages of implementation: one progress update, its evidence and comments (W2)."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from django_ratelimit.core import is_ratelimited

from opengov.web.views import member_or_404

from . import selectors, services
from .forms import CommentForm

COMMENTS_PER_HOUR = "6/h"


@require_http_methods(["GET", "HEAD", "POST"])
def update_detail(request, pk):
    member = member_or_404(request)
    update = selectors.public_update(member, pk)
    form = CommentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if is_ratelimited(request, group="comment", key="ip", rate=COMMENTS_PER_HOUR,
                          method="POST", increment=True):
            form.add_error(None, _("Many comments were sent from your connection in the last "
                                   "hour. Please try again later: your text is kept below."))
        else:
            services.comment_submit(
                update=update, text=form.cleaned_data["text"],
                author_name=form.cleaned_data["author_name"],
                author_email=form.cleaned_data["author_email"], robot=form.is_robot)
            messages.success(request, _("Thank you! Your comment will appear here once a "
                                        "moderator has read it."))
            return redirect("tracking:update_detail", pk=update.pk)
    return render(request, "tracking/update_detail.html", {
        "member": member, "plan": update.commitment.plan, "commitment": update.commitment,
        "update": update, "evidence": update.evidence.filter(is_public=True),
        "comments": selectors.public_comments(update), "form": form})

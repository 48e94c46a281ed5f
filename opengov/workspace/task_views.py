"""Background work for the Point of Contact team: documents being made, the tasks that
failed every attempt, with their error, and a way to run one again once its cause is
mended (``core.retry_task``)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from opengov.core import generated
from opengov.core.forms import parse_id
from opengov.core.models import TaskFailure
from opengov.core.tasks import run_again, waiting_count
from opengov.web.views import member_or_404

PER_PAGE = 25


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def tasks(request):
    if not request.user.has_perm("core.retry_task"):
        raise PermissionDenied
    member = member_or_404(request)
    if request.method == "POST":
        failure = get_object_or_404(TaskFailure, pk=parse_id(request.POST.get("failure")) or 0)
        if failure.retried_at is None:
            run_again(actor=request.user, failure=failure)
            messages.success(request, _("“%(task)s” will run again shortly.")
                             % {"task": failure.name})
        return redirect("workspace:tasks")
    failures = TaskFailure.objects.order_by("-failed_at", "-pk")
    page = Paginator(failures, PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "workspace/tasks.html", {
        "member": member, "page": page, "waiting": waiting_count(),
        "documents": generated.pending()[:50]})

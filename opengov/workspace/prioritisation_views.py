"""Prioritisation desk (CC10): the POC team sets up rounds of candidate commitments; forum
members with a seat score them while a round is open; both read the aggregates by
constituency. Nobody reads another member's scores. Writes go through
``opengov.cocreation.prioritisation``."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from opengov.cocreation import prioritisation
from opengov.cocreation.forms import PrioritisationRoundForm, ScoresForm
from opengov.cocreation.models import CoCreationProcess, PrioritisationRound
from opengov.core.forms import parse_id
from opengov.web.views import member_or_404

from .access import require
from .forum_views import form_errors


def _rounds(member):
    return PrioritisationRound.objects.filter(process__plan__member=member).select_related(
        "process__plan")


@login_required
@require_safe
def rounds(request):
    member = member_or_404(request)
    require(request.user, "cocreation.view_prioritisationround", member)
    return render(request, "workspace/prioritisation/rounds.html", {
        "member": member,
        "rounds": _rounds(member).annotate(size=Count("candidates")),
        "processes": CoCreationProcess.objects.filter(plan__member=member)
        .select_related("plan").order_by("-pk")
        if request.user.has_perm("cocreation.add_prioritisationround", member) else []})


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def round_edit(request, pk=None):
    member = member_or_404(request)
    if pk is None:
        process = get_object_or_404(CoCreationProcess.objects.filter(plan__member=member),
                                    pk=parse_id(request.GET.get("process")) or 0)
        require(request.user, "cocreation.add_prioritisationround", process)
        round_ = PrioritisationRound(process=process)
    else:
        round_ = get_object_or_404(_rounds(member), pk=pk)
        require(request.user, "cocreation.change_prioritisationround", round_)
        process = round_.process
    form = PrioritisationRoundForm(request.POST or None, instance=round_, process=process)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            round_ = prioritisation.round_save(
                actor=request.user, process=process, round_=round_ if round_.pk else None,
                values=data, commitments=data["commitments"], groups=data["groups"])
        except ValidationError as error:
            form_errors(form, error)
        else:
            messages.success(request, _("The prioritisation round is saved."))
            return redirect("workspace:prioritisation_round", pk=round_.pk)
    return render(request, "workspace/prioritisation/round_edit.html", {
        "member": member, "form": form, "round": round_, "process": process})


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def round_detail(request, pk):
    member = member_or_404(request)
    round_ = get_object_or_404(_rounds(member), pk=pk)
    require(request.user, "cocreation.view_prioritisationround", round_)
    seat = prioritisation.seat_of(request.user, member)
    may_score = seat is not None and request.user.has_perm("cocreation.score_candidate",
                                                            round_)
    candidates = list(round_.candidates.all())
    form = ScoresForm(request.POST if may_score else None, candidates=candidates,
                      given=prioritisation.own_scores(round_, seat))
    if request.method == "POST":
        if not may_score:
            raise PermissionDenied
        if form.is_valid():
            try:
                prioritisation.scores_give(actor=request.user, round_=round_,
                                           scores=form.scores())
            except ValidationError as error:
                form_errors(form, error)
            else:
                messages.success(request, _("Your scores are recorded. You can change them "
                                            "until the round closes."))
                return redirect("workspace:prioritisation_round", pk=round_.pk)
    return render(request, "workspace/prioritisation/round.html", {
        "member": member, "round": round_, "form": form, "may_score": may_score,
        "seat": seat, "results": prioritisation.results(round_),
        "may_edit": request.user.has_perm("cocreation.change_prioritisationround", round_)})

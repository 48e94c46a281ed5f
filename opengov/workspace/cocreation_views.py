"""The co-creation desk (the POC team) and the moderation desk (moderators and the POC team).

The queue shows what citizens wrote, never just their reference; staff answer one
contribution or a selection with a reasoned response (CC8), group similar ones (CC6, CC7),
and moderate without ever changing a text or publishing without consent. Every write is a
service of ``opengov.cocreation.services`` / ``opengov.tracking.services``.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from opengov.cocreation import drafts, selectors, services
from opengov.cocreation import moderation as moderation_selectors
from opengov.cocreation.forms import (
    ContributionImportForm,
    GroupRenameForm,
    ModerationForm,
    QueueFilterForm,
    ResponseForm,
    process_form,
    process_formsets,
)
from opengov.cocreation.importing import import_contributions
from opengov.cocreation.models import (
    CoCreationProcess,
    Contribution,
    ContributionGroup,
    InputMechanism,
    ReasonedResponse,
)
from opengov.core.forms import language_name, parse_id
from opengov.core.models import ModerationState
from opengov.plans.models import ActionPlan
from opengov.tracking import services as tracking
from opengov.tracking.models import Comment
from opengov.web.views import member_or_404

from .access import require

PER_PAGE = 25
MAX_SELECTION = 500



def _process(request, pk, perm="cocreation.add_reasonedresponse"):
    member = member_or_404(request)
    process = get_object_or_404(
        CoCreationProcess.objects.filter(plan__member=member).select_related("plan"), pk=pk)
    require(request.user, perm, process)
    return member, process


def _ids(values):
    """Record ids from a list of request values (``parse_id``); anything else is ignored."""
    return sorted({number for value in values[:MAX_SELECTION] if (number := parse_id(value))})


def _languages(member):
    """(code, own name) of the member's languages and English, for filters and previews."""
    codes = dict.fromkeys([*member.administrative_languages, "en"])
    return [(code, language_name(code)) for code in codes]


@login_required
@require_safe
def desk(request):
    """The member's co-creation processes, their stages and where each queue stands."""
    member = member_or_404(request)
    processes = list(CoCreationProcess.objects.filter(plan__member=member)
                     .select_related("plan").prefetch_related("stages")
                     .order_by("-plan__start_year", "-pk"))
    require(request.user, "cocreation.add_reasonedresponse", member)
    counts = selectors.process_counts(processes)
    drafts = {}
    for response in (ReasonedResponse.objects.filter(process__in=processes,
                                                     published_on__isnull=True)
                     .annotate(size=Count("contributions")).order_by("pk")):
        drafts.setdefault(response.process_id, []).append(response)
    return render(request, "workspace/cocreation/desk.html", {
        "member": member, "open_plans": ActionPlan.objects.filter(member=member).exclude(
            status=ActionPlan.Status.COMPLETED).order_by("-start_year"),
        "rows": [(p, counts[p.pk], drafts.get(p.pk, [])) for p in processes]})


@login_required
@require_POST
def response_publish(request, pk):
    """Publish a response saved earlier; its authors are told once."""
    member = member_or_404(request)
    response = get_object_or_404(ReasonedResponse.objects.filter(
        process__plan__member=member, published_on__isnull=True), pk=pk)
    require(request.user, "cocreation.change_reasonedresponse", response)
    services.response_publish(actor=request.user, response=response,
                              site_url=request.build_absolute_uri("/"))
    messages.success(request, _("The response is published; the authors who left an address "
                                "are told."))
    return redirect("workspace:cocreation_desk")


@login_required
@require_safe
def queue(request, pk):
    """Every contribution of a process with its full text, filtered, sorted, 25 a page."""
    member, process = _process(request, pk)
    form = QueueFilterForm(request.GET or None, process=process, languages=_languages(member))
    filters = form.values() if request.GET else {}
    page = Paginator(selectors.desk_queue(process, filters), PER_PAGE).get_page(
        request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "workspace/cocreation/queue.html", {
        "member": member, "process": process, "form": form, "page": page,
        "query": query.urlencode(),
        "counts": selectors.process_counts([process])[process.pk]})


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def answer(request, pk):
    """Answer one contribution or a selection with a reasoned response, with a preview."""
    member, process = _process(request, pk)
    source = request.POST if request.method == "POST" else request.GET
    ids = _ids(source.getlist("c"))
    group = None
    if not ids and _ids([source.get("group", "")]):
        group = get_object_or_404(ContributionGroup.objects.filter(process=process),
                                  pk=_ids([source["group"]])[0])
        ids = list(group.contributions.values_list("pk", flat=True))
    contributions = list(selectors.with_answer_state(
        Contribution.objects.filter(process=process, pk__in=ids))
        .exclude(moderation_state__in=selectors.NOT_CONTRIBUTIONS)
        .select_related("mechanism", "commitment").defer("mechanism__draft")
        .prefetch_related("themes").order_by("submitted_at"))
    if not contributions:
        messages.error(request, _("Choose at least one contribution to answer."))
        return redirect("workspace:cocreation_queue", pk=process.pk)
    langs = member.document_languages
    form = ResponseForm(request.POST or None, plan=process.plan, langs=langs)
    preview = None
    if request.method == "POST" and form.is_valid():
        if "preview" in request.POST:
            preview = [(code, name, form.preview(code)) for code, name in _languages(member)
                       if code in langs]
        else:
            data = form.cleaned_data
            try:
                response = services.contributions_respond(
                    actor=request.user, process=process, contributions=contributions,
                    decision=data["decision"], texts=form.texts(),
                    commitments=data["commitments"], publish=data["publish"],
                    site_url=request.build_absolute_uri("/"))
            except ValidationError as error:
                form.add_error(None, error)
            else:
                count = len(contributions)
                if response.published_on:
                    messages.success(request, _(
                        "The response to %(count)s contribution(s) is published; the authors "
                        "who left an address are told.") % {"count": count})
                else:
                    messages.success(request, _(
                        "The response to %(count)s contribution(s) is saved, not yet "
                        "published.") % {"count": count})
                return redirect(reverse("workspace:cocreation_queue", args=[process.pk])
                                + "?answered=no")
    return render(request, "workspace/cocreation/answer.html", {
        "member": member, "process": process, "form": form, "contributions": contributions,
        "group": group, "preview": preview,
        "decision_label": dict(form.fields["decision"].choices).get(
            form.data.get("decision"), "") if preview else ""})


@login_required
@require_safe
def groups(request, pk):
    """Suggested and accepted groups, each listing its members' texts."""
    member, process = _process(request, pk, perm="cocreation.change_contributiongroup")
    all_groups = list(selectors.desk_groups(process))
    return render(request, "workspace/cocreation/groups.html", {
        "member": member, "process": process, "groups": all_groups,
        "open_groups": [g for g in all_groups if g.status != ContributionGroup.Status.IGNORED],
        "rename_form": GroupRenameForm()})


@login_required
@require_POST
def group_action(request, pk):
    """Suggest, accept, ignore, rename, merge, split, or move one contribution."""
    member, process = _process(request, pk, perm="cocreation.change_contributiongroup")
    in_process = ContributionGroup.objects.filter(process=process)
    action = request.POST.get("action", "")
    back = redirect("workspace:cocreation_groups", pk=process.pk)
    try:
        if action == "suggest":
            services.groups_suggest_later(actor=request.user, process=process)
            messages.success(request, _("The suggestions are being computed. They appear on "
                                        "this page when ready: reload it in a minute."))
            return back
        if action == "merge":
            chosen = list(in_process.filter(pk__in=_ids(request.POST.getlist("groups")))
                          .order_by("pk"))
            target = services.groups_merge(actor=request.user, groups=chosen,
                                           name=request.POST.get("name", ""))
            messages.success(request, _("Merged into “%(name)s”.") % {"name": target.name})
            return back
        group = get_object_or_404(in_process, pk=(_ids([request.POST.get("group", "")])
                                                  or [0])[0])
        if action in ("accept", "ignore", "suggested"):
            status = {"accept": ContributionGroup.Status.ACCEPTED,
                      "ignore": ContributionGroup.Status.IGNORED,
                      "suggested": ContributionGroup.Status.SUGGESTED}[action]
            services.group_set_status(actor=request.user, group=group, status=status)
            messages.success(request, _("“%(name)s”: %(status)s.") % {
                "name": group.name, "status": group.get_status_display()})
        elif action == "rename":
            form = GroupRenameForm(request.POST)
            if not form.is_valid():
                raise ValidationError(_("Give the group a name."))
            services.group_rename(actor=request.user, group=group,
                                  name=form.cleaned_data["name"])
            messages.success(request, _("The group is renamed “%(name)s”.") % {
                "name": group.name})
        elif action == "split":
            chosen = Contribution.objects.filter(process=process,
                                                 pk__in=_ids(request.POST.getlist("c")))
            new = services.group_split(actor=request.user, group=group, contributions=chosen,
                                       name=request.POST.get("name", ""))
            messages.success(request, _("A new group “%(name)s” is made.") % {
                "name": new.name})
        elif action == "move":
            contribution = get_object_or_404(Contribution.objects.filter(process=process),
                                             pk=(_ids([request.POST.get("c", "")]) or [0])[0])
            target = get_object_or_404(in_process, pk=(_ids([request.POST.get("to", "")])
                                                       or [0])[0])
            services.group_move(actor=request.user, contribution=contribution, source=group,
                                target=target)
            messages.success(request, _("Moved to “%(name)s”.") % {"name": target.name})
        else:
            messages.error(request, _("Choose what to do with the group."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return back


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def import_file(request, pk):
    """Import a CSV or XLSX file of contributions: every row checked, all or nothing."""
    member, process = _process(request, pk, perm="cocreation.add_contribution")
    form = ContributionImportForm(request.POST or None, request.FILES or None, process=process)
    report = None
    if request.method == "POST" and form.is_valid():
        try:
            report = import_contributions(actor=request.user, process=process,
                                          mechanism=form.cleaned_data["mechanism"],
                                          uploaded=form.cleaned_data["file"])
        except ValidationError as error:
            form.add_error("file", error)
        else:
            if not report.errors:
                messages.success(request, _("%(count)s contributions imported.") % {
                    "count": report.created})
                return redirect("workspace:cocreation_queue", pk=process.pk)
    return render(request, "workspace/cocreation/import.html", {
        "member": member, "process": process, "form": form, "report": report})


# -- moderation ------------------------------------------------------------------------------

def _may_moderate(user, member):
    return user.has_perm("cocreation.moderate_contribution", member) or \
        user.has_perm("tracking.moderate_comment", member)


@login_required
@require_safe
def moderation(request):
    """What waits for a decision: contributions and comments, with any automatic flag."""
    member = member_or_404(request)
    if not _may_moderate(request.user, member):
        raise PermissionDenied
    contributions = moderation_selectors.not_reported(
        Contribution.objects.filter(process__plan__member=member,
                                    moderation_state=ModerationState.PENDING)
        .select_related("process").order_by("submitted_at"))
    comments = moderation_selectors.not_reported(
        Comment.objects.filter(moderation_state=ModerationState.PENDING)
        .filter(moderation_selectors.comment_of_member(member))
        .select_related("progress_update__commitment", "self_assessment__plan")
        .order_by("submitted_at"))
    flagged = (Contribution.objects.filter(process__plan__member=member,
                                           moderation_state=ModerationState.SPAM,
                                           moderation_decisions__isnull=True)
               .select_related("process").order_by("-submitted_at"))
    # What visitors reported comes first: some of it is hidden until someone decides.
    reported = [*moderation_selectors.reported_contributions(member)[:PER_PAGE],
                *moderation_selectors.reported_comments(member)[:PER_PAGE]]
    reported.sort(key=lambda item: (-item.open_reports, item.first_reported))
    for item in reported:
        item.kind = item._meta.model_name
        item.may_publish = getattr(item, "consent_to_publish", True)
        item.reasons = moderation_selectors.reasons(item.open_report_list)
        item.notes = [report for report in item.open_report_list if report.note]
        item.public_page = moderation_selectors.public_page(item)
    return render(request, "workspace/cocreation/moderation.html", {
        "member": member, "reported": reported,
        "reported_total": moderation_selectors.reported_count(member),
        "contributions": Paginator(contributions, PER_PAGE).get_page(request.GET.get("page")),
        "comments": Paginator(comments, PER_PAGE).get_page(request.GET.get("comments_page")),
        "flagged": flagged[:PER_PAGE], "form": ModerationForm()})


@login_required
@require_POST
def moderate(request, kind, pk):
    """Record one decision on a contribution or a comment; the text is never touched."""
    member = member_or_404(request)
    if kind not in ("contribution", "comment"):
        raise Http404
    if kind == "contribution":
        item = get_object_or_404(Contribution.objects.filter(process__plan__member=member),
                                 pk=pk)
        require(request.user, "cocreation.moderate_contribution", item)
    else:
        item = get_object_or_404(
            Comment.objects.filter(moderation_selectors.comment_of_member(member)), pk=pk)
        require(request.user, "tracking.moderate_comment", item)
    form = ModerationForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a decision."))
        return redirect("workspace:moderation_desk")
    try:
        if kind == "contribution":
            services.contribution_moderate(actor=request.user, contribution=item,
                                           state=form.cleaned_data["decision"],
                                           reason=form.cleaned_data["reason"])
        else:
            tracking.comment_moderate(actor=request.user, comment=item,
                                      state=form.cleaned_data["decision"],
                                      reason=form.cleaned_data["reason"])
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        item.refresh_from_db()
        messages.success(request, _("Decision recorded on “%(item)s”: %(state)s.") % {
            "item": Truncator(item.text).words(8), "state": item.get_moderation_state_display()})
    return redirect("workspace:moderation_desk")



@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def process_edit(request, pk=None):
    """Write a co-creation process: its purpose, objectives and dates, the stages of the
    published timeline, outreach activities and the ways to send inputs."""
    member = member_or_404(request)
    if pk is None:
        plans = ActionPlan.objects.filter(member=member).exclude(
            status=ActionPlan.Status.COMPLETED)
        plan = get_object_or_404(plans, pk=(_ids([request.GET.get("plan", "")]) or [0])[0])
        require(request.user, "cocreation.add_cocreationprocess", plan)
        process = CoCreationProcess(plan=plan)
    else:
        member, process = _process(request, pk, perm="cocreation.change_cocreationprocess")
    langs = member.document_languages
    data = request.POST or None
    form = process_form(langs)(data, instance=process, langs=langs)
    formsets = process_formsets(data, process, langs)
    if request.method == "POST" and form.is_valid() and all(
            f.is_valid() for f in formsets.values()):
        process = services.process_save(actor=request.user, form=form,
                                        formsets=formsets.values())
        messages.success(request, _("The co-creation process is saved."))
        return redirect("workspace:cocreation_desk")
    drafts_put = (process.input_mechanisms.filter(kind=InputMechanism.Kind.DRAFT_COMMENT)
                  .defer("draft").annotate(comment_count=Count("contributions"))
                  .order_by("opens_on") if process.pk else [])
    return render(request, "workspace/cocreation/process_edit.html", {
        "member": member, "process": process, "form": form, "formsets": formsets,
        "errors": form.errors or any(f.total_error_count() for f in formsets.values()),
        "drafts": drafts_put})


@login_required
@require_POST
def draft_retake(request, pk):
    """CC7: put the plan as it stands now to comment, in place of the draft taken when the
    comment period was added (only while nobody has commented)."""
    member = member_or_404(request)
    mechanism = get_object_or_404(InputMechanism.objects.filter(
        process__plan__member=member, kind=InputMechanism.Kind.DRAFT_COMMENT).defer("draft"),
        pk=pk)
    require(request.user, "cocreation.change_cocreationprocess", mechanism.process)
    try:
        drafts.draft_retake(actor=request.user, mechanism=mechanism)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The draft put to comment is now the plan as it stands."))
    return redirect(reverse("workspace:process_edit", args=[mechanism.process_id]) + "#drafts")

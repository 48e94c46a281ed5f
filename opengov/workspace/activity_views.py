"""The activity log for the Point of Contact team: who did what, to which record, when.

Every write service logs one ``Activity`` line (``opengov.core.activity.record``); this page
only reads them, newest first, 50 a page, filtered by person, kind and dates. Only the POC
team (and superusers) may see it: ``core.view_activity`` (administrators also read it in the admin).

A site serves one member (``member_or_404``), so its log is the whole log. Each line links
to its record when the record still exists: the workspace page for what is worked on there
(plans, commitments and their updates, documents, meetings, seats, IRM products,
self-assessments), else the record's public page when it has one
(``get_absolute_url``), else only the name kept in the log. Records are fetched in one query
per kind of record on the page, so the page costs the same whatever the log's length.
"""

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from opengov.core.forms import DateField
from opengov.core.models import Activity
from opengov.web.views import member_or_404

PER_PAGE = 50
PLATFORM = "platform"  # the "person" choice for lines written by the platform (actor None)

# Records worked on in the workspace: (app_label, model) → (URL name, attribute giving the
# pk the URL takes). The attribute is a column of the record: no further query. A URL name
# that does not resolve (a desk renamed or not there yet) falls back to the public page.
WORKSPACE_PAGES = {
    ("plans", "actionplan"): ("workspace:plan", "pk"),
    ("plans", "commitment"): ("workspace:commitment", "pk"),
    ("tracking", "progressupdate"): ("workspace:commitment", "commitment_id"),
    ("tracking", "implementationplan"): ("workspace:commitment", "commitment_id"),
    ("repository", "document"): ("workspace:document_edit", "pk"),
    ("forum", "meeting"): ("workspace:meeting_edit", "pk"),
    ("forum", "seat"): ("workspace:seat_edit", "pk"),
    ("reports", "irmproduct"): ("workspace:irm_product", "pk"),
    ("reports", "selfassessment"): ("workspace:self_assessment_edit", "pk"),
}


def person_label(user):
    """A person as the log names them: full name, else user name (never an e-mail)."""
    return user.get_full_name() or user.get_username()


class ActivityFilterForm(forms.Form):
    """The filters of the log, read from the query string. A bad value is a form error."""

    person = forms.ChoiceField(label=_("Who"), required=False)
    kind = forms.ChoiceField(label=_("What"), required=False,
                             choices=[("", _("Every kind"))] + list(Activity.Kind.choices))
    date_from = DateField(label=_("From"), required=False,
                          widget=forms.DateInput(attrs={"type": "date"}),
                          help_text=_("The first day to show, e.g. 2026-01-31."))
    date_to = DateField(label=_("To"), required=False,
                        widget=forms.DateInput(attrs={"type": "date"}),
                        help_text=_("The last day to show, included."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The people who appear in the log, and the platform itself.
        actors = get_user_model().objects.filter(
            pk__in=Activity.objects.filter(actor__isnull=False).values("actor")
        ).order_by("first_name", "last_name", "username")
        self.fields["person"].choices = [("", _("Everybody")), (PLATFORM, _("The platform"))] \
            + [(str(user.pk), person_label(user)) for user in actors]

    def clean(self):
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", _("The last day comes before the first day."))
        return data

    def filter(self, activities):
        """Apply the filters that are valid; an invalid one is left out (and shown as an
        error), so the page still lists the log."""
        data = getattr(self, "cleaned_data", {})
        person = data.get("person")
        if person == PLATFORM:
            activities = activities.filter(actor__isnull=True)
        elif person:
            activities = activities.filter(actor_id=int(person))
        if data.get("kind"):
            activities = activities.filter(kind=data["kind"])
        if data.get("date_from"):
            activities = activities.filter(at__date__gte=data["date_from"])
        if data.get("date_to"):
            activities = activities.filter(at__date__lte=data["date_to"])
        return activities


def _record_url(model, record):
    page = WORKSPACE_PAGES.get((model._meta.app_label, model._meta.model_name))
    if page is not None:
        name, attribute = page
        try:
            return reverse(name, args=[getattr(record, attribute)])
        except NoReverseMatch:
            pass
    if hasattr(record, "get_absolute_url"):
        return record.get_absolute_url()
    return ""


def attach_links(activities):
    """Set ``link`` on each line: the URL of its record, or "" when the record is gone or
    has no page. One query per kind of record (related rows joined for their URLs)."""
    ids_by_type = {}
    for activity in activities:
        activity.link = ""
        if activity.target_type_id and activity.target_id:
            ids_by_type.setdefault(activity.target_type_id, set()).add(activity.target_id)
    urls = {}
    for type_id, ids in ids_by_type.items():
        model = ContentType.objects.get_for_id(type_id).model_class()
        if model is None:  # a model since removed from the code
            continue
        # select_related() follows the non-null foreign keys, which is what public URLs
        # read (a commitment's plan, a process's plan).
        for record in model._default_manager.filter(pk__in=ids).select_related():
            urls[type_id, record.pk] = _record_url(model, record)
    for activity in activities:
        activity.link = urls.get((activity.target_type_id, activity.target_id), "")


@login_required
@require_safe
def activity(request):
    """The log, newest first, 50 a page, with the filters of ``ActivityFilterForm``."""
    if not request.user.has_perm("core.view_activity"):
        raise PermissionDenied
    member = member_or_404(request)
    form = ActivityFilterForm(request.GET or None)
    if form.is_bound:
        form.is_valid()
    activities = form.filter(Activity.objects.select_related("actor")
                             .order_by("-at", "-pk"))
    page = Paginator(activities, PER_PAGE).get_page(request.GET.get("page"))
    page.object_list = list(page.object_list)
    attach_links(page.object_list)
    return render(request, "workspace/activity.html", {
        "member": member, "form": form, "page": page})

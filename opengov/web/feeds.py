"""Atom feeds: progress updates (site, plan, commitment), documents, meetings, opportunities.

Public items only, like every public page. Each feed is the ``LIMIT`` newest items, read in
one query with only the columns the entries show, in an order that ends with a unique key.
"""

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from opengov.cocreation.models import InputMechanism
from opengov.forum.models import Meeting
from opengov.plans.models import ActionPlan, Commitment
from opengov.repository.models import Document
from opengov.tracking.models import ProgressUpdate

LIMIT = 50


def _as_datetime(day):
    return timezone.make_aware(timezone.datetime.combine(day, timezone.datetime.min.time()))


class AtomFeed(Feed):
    feed_type = Atom1Feed

    def item_updateddate(self, item):
        return self.item_pubdate(item)


class UpdatesFeed(AtomFeed):
    """Progress updates of the whole site, of a plan, or of one commitment."""

    def get_object(self, request, slug=None, commitment=None):
        if commitment:
            return get_object_or_404(Commitment.objects.public().select_related("plan"),
                                     plan__slug=slug, slug=commitment)
        if slug:
            return get_object_or_404(ActionPlan.objects.public(), slug=slug)
        return None

    def title(self, obj):
        return _("Progress updates: %(name)s") % {"name": obj} if obj else _("Progress updates")

    def link(self, obj):
        return obj.get_absolute_url() if obj else reverse("web:plan_list")

    def subtitle(self, obj):
        return _("Published progress on open government commitments.")

    def items(self, obj):
        updates = (ProgressUpdate.objects.public().select_related("commitment__plan")
                   .only("completion", "summary", "published_on", "commitment__number",
                         "commitment__title", "commitment__slug", "commitment__plan__slug"))
        if isinstance(obj, Commitment):
            updates = updates.filter(commitment=obj)
        elif isinstance(obj, ActionPlan):
            updates = updates.filter(commitment__plan=obj)
        return updates.order_by("-published_on", "-pk")[:LIMIT]

    def item_title(self, item):
        return f"{item.commitment} — {item.get_completion_display()}"

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return item.commitment.get_absolute_url() + f"#update-{item.pk}"

    def item_pubdate(self, item):
        return _as_datetime(item.published_on)


class DocumentsFeed(AtomFeed):
    def title(self):
        return _("New documents")

    def link(self):
        return reverse("web:plan_list")

    def items(self):
        return (Document.objects.public()
                .only("title", "description", "kind", "date").order_by("-date", "-pk")[:LIMIT])

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return f"{item.get_kind_display()} — {item.description}"

    def item_pubdate(self, item):
        return _as_datetime(item.date)


class MeetingsFeed(AtomFeed):
    def title(self):
        return _("Forum meetings")

    def link(self):
        return reverse("web:forum")

    def items(self):
        return (Meeting.objects.public().only("title", "starts_at", "agenda")
                .order_by("-starts_at", "-pk")[:LIMIT])

    def item_title(self, item):
        return f"{item.title} ({item.starts_at:%Y-%m-%d})"

    def item_description(self, item):
        return item.agenda

    def item_pubdate(self, item):
        return item.starts_at


class OpportunitiesFeed(AtomFeed):
    def title(self):
        return _("Participation opportunities")

    def link(self):
        return reverse("web:home")

    def items(self):
        return (InputMechanism.objects.public()
                .select_related("process__plan")
                .only("title", "description", "opens_on", "closes_on", "process__plan__slug")
                .order_by("-opens_on", "-pk")[:LIMIT])

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return _("Open from %(start)s to %(end)s. %(how)s") % {
            "start": item.opens_on, "end": item.closes_on, "how": item.description}

    def item_link(self, item):
        return reverse("web:cocreation", args=[item.process.plan.slug]) + f"#mechanism-{item.pk}"

    def item_pubdate(self, item):
        return _as_datetime(item.opens_on)

"""Reads for the site-wide pages (agencies, participation, documents)."""

from django.db.models import Count
from django.utils import timezone

from opengov.cocreation.models import InputMechanism
from opengov.core.public import public_via
from opengov.members.models import Organisation
from opengov.plans.models import Commitment
from opengov.repository.models import Document


def participating_agencies(member):
    """Government bodies that lead or support a public commitment, or sit on the forum."""
    government = [Organisation.Kind.GOVERNMENT_AGENCY, Organisation.Kind.LOCAL_GOVERNMENT,
                  Organisation.Kind.PARLIAMENT, Organisation.Kind.JUDICIARY]
    return (Organisation.objects.filter(member=member, kind__in=government)
            .annotate(led=Count("led_commitments", distinct=True,
                                filter=public_via("led_commitments", Commitment)))
            .order_by("-led", "name"))


def coming_mechanisms(member):
    return (InputMechanism.objects.public().filter(process__plan__member=member,
                                                   opens_on__gt=timezone.localdate())
            .select_related("process__plan").defer("draft").order_by("opens_on"))


def public_documents(member):
    return (Document.objects.public().filter(member=member)
            .select_related("plan", "commitment__plan").order_by("-date", "-pk"))


def completion_counts(commitments):
    """How many commitments stand at each completion level, by their latest public update."""
    from opengov.tracking.models import Completion

    counts = dict.fromkeys(Completion.values, 0)
    unreported = 0
    for commitment in commitments:
        updates = getattr(commitment, "public_updates", None)
        if updates:
            counts[updates[0].completion] += 1
        else:
            unreported += 1
    return [(Completion(value).label, value, n) for value, n in counts.items()], unreported

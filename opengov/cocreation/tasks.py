"""Co-creation's background work: grouping suggestions for a whole consultation."""

from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from opengov.core.tasks import background


@background(label=_("Suggest groups of similar contributions"))
def suggest_groups(process_id, actor_id):
    from . import services
    from .models import CoCreationProcess

    process = CoCreationProcess.objects.filter(pk=process_id).first()
    if process is None:
        return
    actor = get_user_model().objects.filter(pk=actor_id).first() if actor_id else None
    services.groups_suggest(actor=actor, process=process)
    CoCreationProcess.objects.filter(pk=process_id).update(grouping_done_at=timezone.now())

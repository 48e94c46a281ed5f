from opengov.core.translation import translate_and_track

from .models import Forum, Meeting, Seat, WorkingGroup

translate_and_track(
    Forum,
    ("name", "legal_basis", "mandate", "rules_of_participation", "membership_rules",
     "meeting_frequency", "decision_making"),
)
translate_and_track(Seat, ("role", "selection_note"))
# The remote link is sent to registered people only: no history keeps the old ones.
translate_and_track(Meeting, ("title", "place", "agenda", "minutes"),
                    excluded_fields=["remote_link"])
translate_and_track(WorkingGroup, ("name", "remit", "other_participants"))

from opengov.core.translation import translate_and_track

from .models import (
    Candidate,
    CoCreationProcess,
    InputMechanism,
    OutreachActivity,
    PrioritisationRound,
    ReasonedResponse,
    Stage,
    Theme,
)

translate_and_track(CoCreationProcess, ("title", "objectives", "participation_overview"))
translate_and_track(
    Stage, ("title", "objective", "participants", "activities", "resources", "place")
)
translate_and_track(
    OutreachActivity, ("title", "place", "description", "target_groups", "barriers")
)
# The draft snapshot is kept once, on the record: history need not copy it at each save.
translate_and_track(InputMechanism, ("title", "description"), excluded_fields=["draft"])
translate_and_track(Theme, ("name",))
translate_and_track(
    ReasonedResponse,
    ("summary", "consideration", "influence", "reasons", "beyond_plan"),
    m2m_fields=["contributions", "commitments"],
)
translate_and_track(PrioritisationRound, ("title",))
translate_and_track(Candidate, ("title", "description"))

from opengov.core.translation import translate_and_track

from .models import ActionPlan, Commitment, CommitmentStakeholder, LocalInitiative, Milestone

translate_and_track(
    ActionPlan, ("title", "introduction", "efforts_to_date", "development_process")
)
translate_and_track(
    Commitment,
    ("title", "short_description", "problem", "causes", "done_so_far", "solution",
     "expected_results", "transparency", "accountability", "participation",
     "challenge_priority", "challenge_cocreation_note", "local_jurisdiction", "national_policy"),
    m2m_fields=["themes"],
)
translate_and_track(Milestone, ("title", "expected_result"), m2m_fields=["supporting"])
translate_and_track(LocalInitiative, ("title", "jurisdiction", "description"))
translate_and_track(CommitmentStakeholder, ("role",))

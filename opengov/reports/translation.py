from opengov.core.translation import translate_and_track

from .models import CommitmentAssessment, SelfAssessment

translate_and_track(
    SelfAssessment,
    ("introduction", "process", "irm_recommendations", "lessons", "recommendations"),
)
translate_and_track(CommitmentAssessment, ("justification", "next_steps"))

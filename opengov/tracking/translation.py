from opengov.core.translation import translate_and_track

from .models import Comment, ImplementationPlan, ProgressUpdate

translate_and_track(
    ImplementationPlan,
    ("activities", "resources", "schedule", "expected_results", "responsible", "risks"),
)
translate_and_track(ProgressUpdate, ("summary", "delay_reasons", "next_steps"))
translate_and_track(Comment, ("answer",))

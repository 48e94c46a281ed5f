from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchEntry(models.Model):
    """One public record as the search sees it. Rebuilt from the records, never edited."""

    class Kind(models.TextChoices):
        PLAN = "plan", _("Action plans")
        COMMITMENT = "commitment", _("Commitments")
        MILESTONE = "milestone", _("Milestones")
        UPDATE = "update", _("Progress updates")
        CONTRIBUTION = "contribution", _("Contributions and responses")
        MEETING = "meeting", _("Meetings")
        DOCUMENT = "document", _("Documents")

    kind = models.CharField(max_length=20, choices=Kind.choices)
    object_id = models.PositiveBigIntegerField()
    plan = models.ForeignKey("plans.ActionPlan", on_delete=models.CASCADE, null=True,
                             related_name="+")
    date = models.DateField(null=True)
    url = models.CharField(max_length=300)
    titles = models.JSONField(default=dict)  # {"fr": ..., "en": ...}
    bodies = models.JSONField(default=dict)
    # Text in no particular language, kept once: the words inside a document's file.
    content = models.TextField(blank=True)
    themes = models.CharField(max_length=500, blank=True)  # " slug slug "
    terms = models.TextField()  # " term term ... " (see text.py)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["kind", "object_id"],
                                               name="one_search_entry_per_record")]
        indexes = [models.Index(fields=["kind", "date"])]

    def __str__(self):
        return f"{self.kind} {self.object_id}"

"""Reads on the IRM's published assessments."""

from django.utils import timezone

from .models import CommitmentFinding


def latest_findings(commitments, today=None) -> dict:
    """The IRM's latest published finding on each of ``commitments``, by commitment id: only
    findings of a product published on or before ``today``. One query."""
    today = today or timezone.localdate()
    findings = {}
    for finding in (CommitmentFinding.objects.filter(
            commitment__in=commitments, product__published_on__lte=today)
            .select_related("product").order_by("product__published_on", "pk")):
        findings[finding.commitment_id] = finding  # a later one replaces an earlier one
    return findings


def latest_finding(commitment, today=None):
    return latest_findings([commitment], today).get(commitment.pk)

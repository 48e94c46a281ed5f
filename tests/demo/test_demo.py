"""The demo reads as a real forum's work: enough of everything, in French and English."""

from collections import Counter

import pytest

from opengov.cocreation.models import Contribution, ReasonedResponse
from opengov.demo.loader import load_demo
from opengov.forum.models import Meeting, Seat
from opengov.plans.models import ActionPlan
from opengov.repository.models import Document
from opengov.tracking.models import ProgressUpdate
from tests.conftest import DEMO_TODAY


@pytest.mark.django_db
class TestDemo:
    def test_member_has_french_administration_and_a_poc(self, demo):
        assert demo.administrative_languages == ["fr"]
        assert demo.point_of_contact and demo.lead_agency  # RO1

    def test_a_completed_two_year_plan_and_a_four_year_plan_in_implementation(self, demo):
        plans = {p.number: p for p in ActionPlan.objects.filter(member=demo)}
        assert plans[2].duration_years == 2 and plans[2].status == "completed"
        assert plans[3].duration_years == 4 and plans[3].status == "implementation"
        assert all(p.versions.filter(kind="original").exists() for p in plans.values())

    def test_forum_of_14_to_20_current_seats_balanced(self, demo):
        seats = [s for s in Seat.objects.filter(forum=demo.forum) if s.is_current(DEMO_TODAY)]
        assert 14 <= len(seats) <= 20
        by_constituency = Counter(s.constituency for s in seats)
        assert by_constituency["government"] == by_constituency["civil_society"]  # F3

    def test_a_year_of_meetings_with_agendas_and_minutes(self, demo):
        year_ago = DEMO_TODAY.replace(year=DEMO_TODAY.year - 1)
        meetings = Meeting.objects.filter(forum=demo.forum, starts_at__date__gte=year_ago,
                                          starts_at__date__lte=DEMO_TODAY)
        kinds = Counter(meetings.values_list("kind", flat=True))
        assert kinds["forum"] >= 3 and kinds["implementation_review"] >= 2
        assert kinds["high_level"] >= 1
        assert all(m.agenda_fr and m.agenda_en for m in meetings)
        assert meetings.exclude(minutes_fr="").count() >= 6

    def test_150_contributions_in_french_and_english_mostly_answered(self, demo):
        contributions = Contribution.objects.filter(process__plan__member=demo).exclude(
            moderation_state__in=["spam", "abuse"])
        assert contributions.count() >= 150
        languages = Counter(contributions.values_list("language", flat=True))
        assert languages["fr"] >= 60 and languages["en"] >= 30
        assert len(set(contributions.values_list("stakeholder_type", flat=True))) >= 5
        answered = contributions.filter(responses__isnull=False).distinct().count()
        assert answered / contributions.count() > 0.8

    def test_responses_cover_the_five_elements_of_cc8(self, demo):
        for response in ReasonedResponse.objects.filter(process__plan__member=demo):
            for field in ("summary", "consideration", "influence", "reasons", "beyond_plan"):
                assert getattr(response, f"{field}_fr") and getattr(response, f"{field}_en")

    def test_8_to_12_commitments_with_the_whole_template(self, current_plan):
        commitments = list(current_plan.commitments.all())
        assert 8 <= len(commitments) <= 12
        for c in commitments:
            for field in ("title", "short_description", "problem", "causes", "done_so_far",
                          "solution", "expected_results", "transparency", "accountability",
                          "participation"):
                assert getattr(c, f"{field}_fr") and getattr(c, f"{field}_en"), (c, field)
            assert c.milestones.count() >= 2
            assert ProgressUpdate.objects.filter(commitment=c).exists()

    def test_documents_have_real_files(self, demo):
        documents = Document.objects.filter(member=demo, is_public=True)
        assert documents.count() >= 5
        version = documents.filter(kind="evidence").first().versions.get()
        assert version.size > 0 and len(version.sha256) == 64

    def test_loading_twice_changes_nothing(self, demo):
        before = Contribution.objects.count()
        assert load_demo(today=DEMO_TODAY) is None
        assert Contribution.objects.count() == before

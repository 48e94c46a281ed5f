"""Generate a large, realistic data set on top of the demo, for benchmarks.

Texts are recombined from the demo's own French and English content, so sizes and
character sets look like a real member's: many plans, commitments, milestones, updates and
public contributions.
"""

import random
from datetime import date, timedelta

from django.db import transaction

from opengov.cocreation.models import CoCreationProcess, Contribution
from opengov.core.models import ModerationState
from opengov.demo import content_contributions as cc
from opengov.members.models import Member
from opengov.plans.models import ActionPlan, Commitment, Milestone
from opengov.tracking.models import ProgressUpdate


@transaction.atomic
def generate(*, plans=20, commitments_per_plan=12, contributions=10_000, seed=7):
    rng = random.Random(seed)
    member = Member.objects.get(slug="valmerre")
    template = list(Commitment.objects.filter(plan__number=3))
    orgs = list(member.organisations.all())
    for n in range(plans):
        start = 1990 + 2 * n
        plan = ActionPlan.objects.create(
            member=member, number=100 + n, slug=f"bench-plan-{n}", title=f"Plan {n}",
            title_fr=f"Plan {n}", start_year=start, duration_years=2, delivery_slot="june",
            status="completed", is_public=True, delivered_on=date(start, 6, 1),
        )
        for c in range(commitments_per_plan):
            source = template[c % len(template)]
            commitment = Commitment.objects.create(
                plan=plan, number=c + 1, slug=f"c-{c + 1}", lead_agency=rng.choice(orgs),
                title_en=source.title_en, title_fr=source.title_fr,
                short_description_en=source.short_description_en,
                problem_en=source.problem_en, solution_en=source.solution_en,
                period_start=date(start, 7, 1), period_end=date(start + 2, 6, 30),
            )
            for m in range(4):
                milestone = Milestone.objects.create(
                    commitment=commitment, number=m + 1, title_en=f"Milestone {m + 1}",
                    due_on=date(start, 9, 1) + timedelta(days=150 * m),
                )
                ProgressUpdate.objects.create(
                    commitment=commitment, milestone=milestone, completion="complete",
                    timeliness="on_time", summary_en="Done.", reported_on=milestone.due_on,
                    published_on=milestone.due_on,
                )
            for u in range(4):
                day = date(start, 12, 1) + timedelta(days=180 * u)
                ProgressUpdate.objects.create(
                    commitment=commitment, completion=rng.choice(["limited", "substantial"]),
                    timeliness="on_time", summary_en=source.expected_results_en,
                    reported_on=day, published_on=day,
                )
    process = CoCreationProcess.objects.filter(plan__number=3).first()
    Contribution.objects.bulk_create(
        Contribution(
            process=process, text=idea[4], language=idea[0], stakeholder_type=idea[1],
            consent_to_publish=True, moderation_state=ModerationState.PUBLISHED,
            reference=f"B-{i:08d}",
        )
        for i, idea in enumerate(rng.choice(cc.IDEAS) for _ in range(contributions))
    )

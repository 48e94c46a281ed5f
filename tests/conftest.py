"""Shared fixtures. The demo (a realistic member) is loaded once per test session.

Tests that use ``db`` run inside a transaction on top of the demo and see it whole. Tests
that need a live server (``transactional_db``) empty the database afterwards, so they load
what they need themselves; pytest-django runs them after the others.
"""

from datetime import date

import pytest
from django.contrib.auth import get_user_model

from opengov.core.roles import Role, grant_role
from opengov.demo.loader import load_demo
from opengov.members.models import Member, Organisation, Person
from opengov.plans.models import ActionPlan, Commitment

DEMO_TODAY = date(2026, 11, 27)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        load_demo(today=DEMO_TODAY)


@pytest.fixture
def demo(db):
    return Member.objects.get(slug="valmerre")


@pytest.fixture
def current_plan(demo):
    return ActionPlan.objects.get(member=demo, number=3)


@pytest.fixture
def make_user(db):
    def make(username, role=None, organisation=None):
        user = get_user_model().objects.create_user(username, f"{username}@example.org", "pw")
        if role is not None:
            grant_role(user, role)
        if organisation is not None:
            Person.objects.create(name=username, organisation=organisation, user=user)
        return get_user_model().objects.get(pk=user.pk)  # fresh: no cached roles

    return make


@pytest.fixture
def users(make_user, demo):
    """One user per role; the agency editor works for the procurement agency (ANMP)."""
    anmp = Organisation.objects.get(member=demo, acronym="ANMP")
    superuser = get_user_model().objects.create_superuser("root", "root@example.org", "pw")
    return {
        "anonymous": None,
        "superuser": superuser,
        "poc": make_user("t-poc", Role.POC_TEAM),
        "forum": make_user("t-forum", Role.FORUM_MEMBER),
        "agency": make_user("t-agency", Role.AGENCY_EDITOR, organisation=anmp),
        "irm": make_user("t-irm", Role.IRM_RESEARCHER),
        "moderator": make_user("t-moderator", Role.MODERATOR),
        "no_role": make_user("t-none"),
    }


@pytest.fixture
def own_and_other_commitment(current_plan):
    """A commitment the agency editor's organisation leads, and one it does not."""
    own = Commitment.objects.get(plan=current_plan, slug="open-contracting")
    other = Commitment.objects.get(plan=current_plan, slug="citizen-budget")
    assert own.lead_agency.acronym == "ANMP" and other.lead_agency.acronym != "ANMP"
    return own, other

"""The public feedback and co-creation pages: 25 items a page, the current process first, a
filter by process, pages that never fail, counts from the database, a shared response shown
once."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from opengov.cocreation import selectors
from opengov.cocreation.models import (
    CoCreationProcess,
    Contribution,
    InputMechanism,
    ReasonedResponse,
)
from opengov.core.models import ModerationState

INVALID_PAGES = ["0", "-1", "abc", "10**30", str(10**30), "1.5", "", "inf"]


@pytest.fixture
def processes(current_plan):
    """(the open refresh of the plan, its closed co-creation of 2024)."""
    refresh = CoCreationProcess.objects.get(plan=current_plan, purpose="refresh")
    main = CoCreationProcess.objects.get(plan=current_plan, purpose="plan")
    return refresh, main


def feedback_url(plan, **query):
    url = reverse("cocreation:feedback", args=[plan.slug])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def cocreation_url(plan, **query):
    url = reverse("web:cocreation", args=[plan.slug])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def pager(body):
    found = re.findall(r'<nav class="pager".*?</nav>', body, re.S)
    assert len(found) == 1, "one pager on the page"
    return found[0]


def publish(process, n, prefix="MORE"):
    return [Contribution.objects.create(
        process=process, text=f"{prefix} idea {i}", language="en", stakeholder_type="citizen",
        consent_to_publish=True, moderation_state=ModerationState.PUBLISHED)
        for i in range(n)]


@pytest.mark.django_db
class TestCurrentProcessFirst:
    def test_the_open_process_comes_before_the_closed_one(self, current_plan, processes):
        refresh, main = processes
        assert list(selectors.processes_current_first(current_plan)) == [refresh, main]

    def test_without_an_open_process_the_most_recent_comes_first(self, current_plan,
                                                                  processes):
        refresh, main = processes
        InputMechanism.objects.filter(process=refresh).update(
            closes_on=timezone.localdate() - timedelta(days=1))
        assert list(selectors.processes_current_first(current_plan)) == [refresh, main]
        main.development_starts_on = refresh.development_starts_on + timedelta(days=1)
        main.save()
        assert list(selectors.processes_current_first(current_plan)) == [main, refresh]

    def test_feedback_lists_the_current_process_first(self, client, current_plan, processes):
        refresh, main = processes
        rows = list(client.get(feedback_url(current_plan)).context["rows"])
        kinds = [row.process_id for row in rows]
        assert kinds[0] == refresh.pk and main.pk in kinds
        assert kinds == sorted(kinds, key=lambda pk: pk != refresh.pk), "refresh, then main"

    def test_co_creation_page_shows_the_current_process_first(self, client, current_plan,
                                                              processes):
        refresh, main = processes
        body = client.get(cocreation_url(current_plan)).content.decode()
        assert body.index(f'id="process-{refresh.pk}"') < body.index(f'id="process-{main.pk}"')


@pytest.mark.django_db
class TestFeedbackPages:
    def test_25_contributions_a_page_and_every_one_on_some_page(self, client, current_plan):
        first = client.get(feedback_url(current_plan)).context
        total, pages = first["total"], first["page"].paginator.num_pages
        assert total > 50 and len(first["rows"]) == 25
        seen = set()
        for number in range(1, pages + 1):
            seen |= {c.pk for c in client.get(feedback_url(current_plan, page=number))
                     .context["rows"]}
        assert len(seen) == total == selectors.public_contributions().filter(
            process__plan=current_plan).count()

    @pytest.mark.parametrize("value", INVALID_PAGES)
    def test_an_invalid_page_shows_the_first_or_the_last(self, client, current_plan, value):
        response = client.get(feedback_url(current_plan), {"page": value})
        assert response.status_code == 200
        page = response.context["page"]
        assert page.number in (1, page.paginator.num_pages) and len(page) > 0

    def test_the_pager_is_accessible_and_keeps_the_filters(self, client, current_plan,
                                                            processes):
        _refresh, main = processes
        body = client.get(feedback_url(current_plan, process=main.pk, page=2)).content.decode()
        nav = pager(body)
        assert 'aria-label="Pages of contributions"' in nav
        assert re.search(r'<li aria-current="page">Page 2 of \d+</li>', nav)
        assert f'href="?process={main.pk}&amp;page=1"' in nav
        assert f'href="?process={main.pk}&amp;page=3" rel="next">Next page</a>' in nav
        assert f'href="?process={main.pk}&amp;page=1" rel="prev">Previous page</a>' in nav

    def test_filter_by_process_is_a_labelled_select_with_a_button(self, client, current_plan,
                                                                  processes):
        refresh, main = processes
        body = client.get(feedback_url(current_plan)).content.decode()
        form = re.search(r'<form method="get" class="filters">.*?</form>', body, re.S).group(0)
        assert '<label for="id_process">' in form and '<select name="process"' in form
        assert '<button type="submit">' in form
        assert form.index(f'value="{refresh.pk}"') < form.index(f'value="{main.pk}"')
        rows = client.get(feedback_url(current_plan, process=main.pk)).context["rows"]
        assert {row.process_id for row in rows} == {main.pk}

    @pytest.mark.parametrize("value", ["abc", "999999", "-3"])
    def test_an_unknown_process_is_ignored(self, client, current_plan, value):
        everything = client.get(feedback_url(current_plan)).context["total"]
        response = client.get(feedback_url(current_plan, process=value, decision="rejected"))
        assert response.status_code == 200
        rejected = client.get(feedback_url(current_plan, decision="rejected")).context["total"]
        assert response.context["total"] == rejected < everything  # the valid filter holds

    def test_a_shared_response_is_shown_in_full_once_a_page(self, client, current_plan):
        for number in (1, 2, 3):
            body = client.get(feedback_url(current_plan, page=number)).content.decode()
            full = re.findall(r'<div class="response" id="response-(\d+)">', body)
            links = set(re.findall(r'<a href="#response-(\d+)">Answered together with', body))
            assert len(full) == len(set(full)), "each response once in full"
            assert links and links <= set(full), "the other cards link to it"

    def test_stats_follow_the_process_filter(self, client, current_plan, processes):
        refresh, _main = processes
        stats = client.get(feedback_url(current_plan, process=refresh.pk)).context["stats"]
        assert stats["received"] == selectors.received_contributions().filter(
            process=refresh).count()
        assert stats["answered"] == 0 and stats["decisions"] == {}


@pytest.mark.django_db
class TestCoCreationPage:
    @pytest.fixture
    def many_responses(self, processes):
        """30 published responses on the closed process, the newest answering 40 ideas."""
        _refresh, main = processes
        ideas = publish(main, 40)
        today = timezone.localdate()
        for i in range(30):
            response = ReasonedResponse.objects.create(
                process=main, decision="rejected", summary=f"MORE-{i}", consideration="c",
                influence="i", reasons=f"Reason MORE-{i}", published_on=today)
            response.contributions.set(ideas if i == 29 else ideas[i:i + 1])
        return ideas

    def test_responses_25_a_page_with_the_filters_kept(self, client, current_plan, processes,
                                                       many_responses):
        _refresh, main = processes
        total = selectors.published_responses().filter(process__plan=current_plan).count()
        response = client.get(cocreation_url(current_plan, process=main.pk))
        page = response.context["responses"]
        assert page.paginator.count == total > 25 and len(page) == 25
        nav = pager(response.content.decode())
        assert 'aria-label="Pages of responses"' in nav
        assert f'href="?process={main.pk}&amp;page=2#responses" rel="next">Next page' in nav
        last = client.get(cocreation_url(current_plan, process=main.pk, page=2))
        assert len(last.context["responses"]) == total - 25

    @pytest.mark.parametrize("value", INVALID_PAGES)
    def test_an_invalid_page_shows_the_first_or_the_last(self, client, current_plan,
                                                         many_responses, value):
        response = client.get(cocreation_url(current_plan), {"page": value})
        assert response.status_code == 200
        page = response.context["responses"]
        assert page.number in (1, page.paginator.num_pages)

    def test_a_response_shows_its_count_and_a_few_contributions(self, client, current_plan,
                                                                many_responses):
        body = client.get(cocreation_url(current_plan)).content.decode()
        assert "Answers 40 published contributions" in body
        shown = [c.reference in body for c in many_responses]
        assert shown[:3] == [True] * 3 and not any(shown[30:]), "a sample, never all 40"

    def test_counts_come_from_the_database(self, client, current_plan, processes):
        refresh, main = processes
        shown = {p.pk: p for p in client.get(cocreation_url(current_plan)).context["processes"]}
        for process in (refresh, main):
            assert shown[process.pk].contribution_count == selectors.received_contributions(
            ).filter(process=process).count()
            assert shown[process.pk].response_count == selectors.published_responses().filter(
                process=process).count()

    def test_filter_by_process_shows_that_process_alone(self, client, current_plan, processes):
        refresh, main = processes
        response = client.get(cocreation_url(current_plan, process=refresh.pk))
        assert [p.pk for p in response.context["processes"]] == [refresh.pk]
        assert response.context["responses"].paginator.count == 0
        body = response.content.decode()
        assert '<label for="id_process">' in body and "No reasoned response has been" in body
        assert client.get(cocreation_url(current_plan, process="abc")).status_code == 200

"""The public calendar, as citizens need it: when consultations open and close (with the way
to the co-creation page), each update due linked to its commitment, the plan named once per
group of rows; the same consultations in the iCalendar feed; nothing of a private plan."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import formats, translation
from icalendar import Calendar

from opengov.cocreation.models import CoCreationProcess, InputMechanism
from opengov.plans.models import ActionPlan, Commitment
from tests.helpers import count_queries

pytestmark = pytest.mark.django_db

CALENDAR = "/en/calendar/"
ICS = "/en/calendar.ics"


def shown(day):
    with translation.override("en"):
        return formats.date_format(day, "DATE_FORMAT")


def rows(page):
    """Each table row of the page as (its date cell, its "What" cell)."""
    return re.findall(r"<tr><td>(.*?)</td>\s*<td>(.*?)</td>", page, re.S)


def events(client):
    response = client.get(ICS)
    assert response.status_code == 200
    return {str(e["summary"]): e for e in Calendar.from_ical(response.content).walk("VEVENT")}


def add_consultation(plan, title, opens_on, closes_on, kinds=("online_form",)):
    process = CoCreationProcess.objects.create(plan=plan, title=title)
    for kind in kinds:
        InputMechanism.objects.create(process=process, kind=kind, title=f"{title}: {kind}",
                                      opens_on=opens_on, closes_on=closes_on)
    return process


@pytest.fixture
def consultation(current_plan, fixed_today):
    """A consultation on the current plan that opens in ten days and closes in forty, open
    through two ways to take part on the same days."""
    return add_consultation(current_plan, "Budget consultation",
                            fixed_today + timedelta(days=10), fixed_today + timedelta(days=40),
                            kinds=("online_form", "workshop"))


def test_the_calendar_shows_a_consultation_opening_and_closing_with_a_link(
        client, current_plan, consultation, fixed_today):
    page = client.get(CALENDAR).content.decode()
    url = reverse("web:cocreation", args=[current_plan.slug]) + f"#process-{consultation.pk}"
    opens, closes = fixed_today + timedelta(days=10), fixed_today + timedelta(days=40)
    found = rows(page)
    assert (f'<time datetime="{opens.isoformat()}">{shown(opens)}</time>',
            f'<a href="{url}">Consultation opens: Budget consultation</a>') in found
    assert (f'<time datetime="{closes.isoformat()}">{shown(closes)}</time>',
            f'<a href="{url}">Consultation closes: Budget consultation</a>') in found
    # Two ways to take part on the same days: one row each for the opening and the closing.
    assert sum("Budget consultation" in what for _, what in found) == 2
    assert f'id="process-{consultation.pk}"' in client.get(url).content.decode()


def test_a_consultation_open_now_shows_its_closing_only(client, current_plan, fixed_today):
    add_consultation(current_plan, "Running consultation", fixed_today - timedelta(days=5),
                     fixed_today + timedelta(days=5))
    found = [what for _, what in rows(client.get(CALENDAR).content.decode())]
    assert any("Consultation closes: Running consultation" in what for what in found)
    assert not any("Consultation opens: Running consultation" in what for what in found)


def test_ways_to_take_part_on_different_days_are_named(client, current_plan, fixed_today):
    process = add_consultation(current_plan, "Split consultation",
                               fixed_today + timedelta(days=3), fixed_today + timedelta(days=20))
    InputMechanism.objects.create(process=process, kind="workshop", title="Late workshops",
                                  opens_on=fixed_today + timedelta(days=30),
                                  closes_on=fixed_today + timedelta(days=60))
    found = [what for _, what in rows(client.get(CALENDAR).content.decode())]
    assert any("Consultation closes: Split consultation — Late workshops" in w for w in found)
    assert any("Consultation closes: Split consultation — Split consultation: online_form"
               in w for w in found)


def test_past_and_private_consultations_are_not_in_the_calendar(client, demo, current_plan,
                                                               fixed_today):
    add_consultation(current_plan, "PAST-consultation", fixed_today - timedelta(days=60),
                     fixed_today - timedelta(days=1))
    draft = ActionPlan.objects.create(member=demo, number=4, slug="draft-plan",
                                      title="MARKER-draft-plan", start_year=2028,
                                      duration_years=2, delivery_slot="june")
    add_consultation(draft, "MARKER-private-consultation", fixed_today + timedelta(days=5),
                     fixed_today + timedelta(days=9))
    page = client.get(CALENDAR).content.decode()
    ics = client.get(ICS).content.decode().replace("\r\n ", "")
    for text in ("PAST-consultation", "MARKER-", "draft-plan"):
        assert text not in page and text not in ics


def test_each_update_due_links_to_its_commitment(client, current_plan):
    found = rows(client.get(CALENDAR).content.decode())
    updates = [what for _, what in found if "Update due on commitment" in what]
    assert updates  # the demo's plan has updates due
    pages = dict(Commitment.objects.filter(plan=current_plan).values_list("number", "slug"))
    for what in updates:
        number = int(re.search(r"Update due on commitment (\d+)", what).group(1))
        url = reverse("web:commitment_detail", args=[current_plan.slug, pages[number]])
        assert what == f'<a href="{url}">Update due on commitment {number}</a>'
    assert client.get(url).status_code == 200


def test_the_plan_is_named_once_for_its_group_of_rows(client, current_plan):
    page = client.get(CALENDAR).content.decode()
    main = page[page.index("<main"):page.index("</main>")]
    assert main.count(current_plan.title) == 2  # its heading and its table's caption
    heading = re.search(r"<h2 id=\"calendar-1\">(.*?)</h2>", main).group(1)
    assert heading == f'<a href="{current_plan.get_absolute_url()}">{current_plan.title}</a>'
    assert "<th scope=\"col\">Action plan</th>" not in main
    assert len(rows(main)) > 10  # every row is under that one heading
    assert main.count("<table>") == 1


def test_every_table_scrolls_in_its_own_region(client):
    page = client.get(CALENDAR).content.decode()
    assert page.count("<table>") >= 1
    assert page.count('<div class="table-scroll">\n  <table>') == page.count("<table>")


def test_forum_meetings_of_no_plan_shown_are_grouped_apart(client, demo, fixed_today):
    from django.utils import timezone

    from opengov.forum.models import Meeting

    Meeting.objects.create(forum=demo.forum, kind="outreach", title="Open day of the forum",
                           starts_at=timezone.now() + timedelta(days=12), format="in_person")
    page = client.get(CALENDAR).content.decode()
    assert "<h2 id=\"calendar-2\">Other forum meetings</h2>" in page
    assert page.index("Other forum meetings") < page.index("Open day of the forum")
    assert "Open day of the forum" in events(client)


def test_the_ics_feed_has_the_consultation_events(client, current_plan, consultation,
                                                  fixed_today):
    found = events(client)
    opens = found[f"Consultation opens: Budget consultation — {current_plan.title}"]
    closes = found[f"Consultation closes: Budget consultation — {current_plan.title}"]
    assert opens["dtstart"].dt == fixed_today + timedelta(days=10)
    assert closes["dtstart"].dt == fixed_today + timedelta(days=40)
    url = reverse("web:cocreation", args=[current_plan.slug]) + f"#process-{consultation.pk}"
    assert str(opens["url"]) == f"http://testserver{url}"
    assert str(opens["uid"]) != str(closes["uid"])
    uids = [str(e["uid"]) for e in found.values()]
    assert len(uids) == len(set(uids))


def test_the_ics_feed_links_each_update_due_to_its_commitment(client, current_plan):
    updates = [e for summary, e in events(client).items()
               if summary.startswith("Update due on commitment")]
    assert updates
    prefix = f"http://testserver/en/plans/{current_plan.slug}/commitments/"
    assert all(str(e["url"]).startswith(prefix) for e in updates)


def test_the_calendar_s_queries_do_not_grow_with_consultations(client, current_plan,
                                                             fixed_today):
    def grow(n, start):
        for i in range(start, start + n):
            add_consultation(current_plan, f"Consultation {i}",
                             fixed_today + timedelta(days=5 + i),
                             fixed_today + timedelta(days=50 + i), kinds=("online_form", "survey"))

    grow(1, 0)
    client.get(CALENDAR)  # warm the per-process caches
    small = {url: count_queries(client, url) for url in (CALENDAR, ICS)}
    grow(8, 1)
    assert {url: count_queries(client, url) for url in (CALENDAR, ICS)} == small

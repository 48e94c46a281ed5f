"""Similar ideas before sending: while a contribution is written, the form shows up to five
published contributions on the same subject, from the search index, in the reader's language.
Without JavaScript nothing asks for them and the form is unchanged."""

import re

import pytest
import time_machine
from django.core.cache import cache, caches
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from opengov.cocreation.models import Contribution
from opengov.cocreation.services import contribution_submit
from opengov.core.models import ModerationState
from opengov.search.query import similar

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_limits():
    cache.clear()


def similar_url(plan, lang="en"):
    with translation.override(lang):
        return reverse("cocreation:similar_ideas", args=[plan.slug])


@pytest.fixture
def known(current_plan):
    """A published contribution of the current plan whose text says something."""
    return next(c for c in Contribution.objects.public().filter(process__plan=current_plan)
                .order_by("pk") if len([w for w in re.findall(r"\w+", c.text)
                                        if len(w) >= 6]) >= 3)


def rewording(text):
    """Another way of saying it: its long words, shuffled, in another sentence."""
    long_words = sorted({w for w in re.findall(r"\w+", text) if len(w) >= 6}, key=len)[-4:]
    return "Une autre idée proche : " + " et ".join(reversed(long_words)) + "."


def test_a_reworded_idea_finds_the_published_one(client, current_plan, known):
    page = client.get(similar_url(current_plan), {"text": rewording(known.text)})
    assert page.status_code == 200
    html = page.content.decode()
    assert reverse("cocreation:receipt", args=[known.reference]) in html
    assert known.heading in html
    assert html.count("<li>") <= 5
    assert 'target="_blank"' in html and "opens in a new tab" in html
    assert "data-announce=" in html


def test_in_the_readers_language(client, current_plan, known):
    html = client.get(similar_url(current_plan, "fr"),
                      {"text": rewording(known.text)}).content.decode()
    assert "Idées semblables déjà envoyées" in html
    html = client.get(similar_url(current_plan, "es"),
                      {"text": rewording(known.text)}).content.decode()
    assert "Ideas similares ya enviadas" in html


def test_what_is_not_public_is_never_suggested(client, current_plan, known, settings):
    words = rewording(known.text)
    process = known.process
    pending = contribution_submit(process=process, text=known.text + " Quokkaunique",
                                  language="fr", stakeholder_type="citizen",
                                  consent_to_publish=True, author_email="secret@example.org")
    private = contribution_submit(process=process, text=known.text + " Quokkaunique",
                                  language="fr", stakeholder_type="citizen",
                                  consent_to_publish=False,
                                  moderation_state=ModerationState.PUBLISHED)
    html = client.get(similar_url(current_plan), {"text": words + " Quokkaunique"}).content
    for hidden in (pending, private):
        assert hidden.reference.encode() not in html
    assert b"secret@example.org" not in html


def test_too_little_text_asks_for_nothing(client, current_plan):
    for text in ("", "eau", "Bus", "a b c d e f"):
        page = client.get(similar_url(current_plan), {"text": text})
        assert page.status_code == 200 and page.content.strip() == b""


def test_an_idea_like_nothing_gets_nothing(client, current_plan):
    page = client.get(similar_url(current_plan),
                      {"text": "Zorglubian quokkaproof xylophonist wombatery"})
    assert page.content.strip() == b""


def test_one_shared_word_is_not_enough(current_plan, known):
    longest = max(re.findall(r"\w+", known.text), key=len)
    hits = similar(f"{longest} zorglubian quokkaproof", lang="fr", plan=current_plan)
    assert all(hit.score >= 2 for hit in hits)
    assert known.pk not in {hit.entry.object_id for hit in hits}


def test_answers_are_never_stored_in_the_page_cache(client, current_plan, known):
    caches["public_pages"].clear()
    page = client.get(similar_url(current_plan), {"text": rewording(known.text)})
    assert "no-store" in page["Cache-Control"]
    assert page.get("X-Cache") is None


def test_a_long_text_is_cut_not_refused(client, current_plan):
    page = client.get(similar_url(current_plan), {"text": "publication des contrats " * 2000})
    assert page.status_code == 200
    # A NUL byte is refused before any view (the middleware answers 400), never a 500.
    assert client.get(similar_url(current_plan), {"text": "contrats\x00"}).status_code == 400


def test_asking_too_often_is_refused_quietly(client, current_plan, known):
    # The limit counts per minute: the clock stands still, so that a slow machine cannot
    # spread the 61 requests over two minutes.
    with time_machine.travel(timezone.now(), tick=False):
        codes = {client.get(similar_url(current_plan),
                            {"text": f"{known.text} {n}"}).status_code for n in range(61)}
    assert codes == {200, 429}


def test_a_plan_not_public_has_no_suggestions(client, current_plan, known):
    type(current_plan).objects.filter(pk=current_plan.pk).update(is_public=False)
    assert client.get(similar_url(current_plan),
                      {"text": rewording(known.text)}).status_code == 404


def test_without_javascript_the_form_is_unchanged(current_plan):
    html = Client().get(reverse("cocreation:contribute", args=[current_plan.slug])).content
    # The only additions: where to ask, and the script that asks (deferred, from the site).
    assert b'data-similar-url="' in html and b"js/similar-ideas.js" in html
    assert b"similar-ideas-box" not in html and b"Similar ideas already sent" not in html

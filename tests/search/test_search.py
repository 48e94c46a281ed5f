"""Site search: accents and case ignored, French and English word forms, filters, excerpts,
and nothing private ever found. The same code runs on SQLite and PostgreSQL."""

import pytest

from opengov.forum.models import Meeting
from opengov.search.index import rebuild
from opengov.search.query import excerpt, search
from opengov.search.text import terms


def titles(query, **filters):
    hits, _total, _counts = search(query, lang=filters.pop("lang", "en"), **filters)
    return [h.title for h in hits]


def test_terms_fold_case_accents_and_word_forms():
    assert {"marche", "public"} <= terms("Marchés PUBLICS")
    assert terms("publishing") & terms("published")
    assert terms("éducation") & terms("Education")


def test_excerpt_marks_matches_and_escapes_html():
    text = "Les <b>données</b> des marchés publics seront publiées chaque semaine."
    html = excerpt(text, ["marches"])
    assert "<mark>marchés</mark>" in html and "&lt;b&gt;" in html


@pytest.mark.django_db
class TestSearch:
    def test_accents_case_and_stemming_in_french(self, demo):
        assert "Données ouvertes sur la commande publique" in titles(
            "DONNEES OUVERTES commande", lang="fr")
        assert set(titles("marchés publics", lang="fr")) == set(titles("marche public",
                                                                       lang="fr"))

    def test_english_word_forms(self, demo):
        assert "Open data on public procurement" in titles("publishing contracts")

    def test_results_are_grouped_and_filterable(self, demo, current_plan):
        hits, total, counts = search("eau", lang="fr")
        assert total == sum(counts.values()) and len(counts) >= 2
        only = search("eau", lang="fr", kind="contribution")[0]
        assert only and all(h.entry.kind == "contribution" for h in only)
        in_plan = search("plan", lang="en", plan=current_plan)[0]
        assert all(h.entry.plan_id == current_plan.pk for h in in_plan)
        themed = search("eau", lang="fr", theme="environment")[0]
        assert themed and all(" environment " in h.entry.themes for h in themed)

    def test_every_word_must_match(self, demo):
        assert titles("justice zzzzunknown") == []

    def test_title_matches_rank_first(self, demo):
        hits = search("justice", lang="en")[0]
        assert hits[0].entry.kind in {"commitment", "plan"} and "justice" in hits[0].title.lower()

    def test_private_content_is_never_found(self, private_records):
        rebuild()
        for query in ("marker", "marker pending", "marker draft plan", "marker document",
                      "marker private meeting", "marker future update", "marker spam",
                      "marker minutes not published", "marker minutes published tomorrow"):
            hits = search(query, lang="en")[0]
            assert not [h for h in hits if "MARKER" in h.title + h.excerpt], query
        Meeting.objects.filter(title="MARKER-private-meeting").update(is_public=True)
        rebuild()
        assert "MARKER-private-meeting" in titles("marker private meeting")

    @pytest.mark.parametrize("lang", ["fr", "en", "es"])
    def test_search_page_in_every_language(self, client, demo, lang):
        page = client.get(f"/{lang}/search/?q=justice&kind=commitment")
        body = page.content.decode()
        assert page.status_code == 200 and "<mark>" in body
        assert client.get(f"/{lang}/search/").status_code == 200
        assert client.get(f"/{lang}/search/?since=not-a-date&q=x").status_code == 200


@pytest.mark.django_db
def test_counts_per_type_filter_the_results(client, demo):
    rebuild()
    _hits, total, counts = search("justice", lang="en")
    assert len(counts) > 1
    body = client.get("/en/search/?q=justice&plan=&page=2").content.decode()
    facets = body[body.index('class="facets"'):body.index("</nav>", body.index('class="facets"'))]
    assert f'href="?q=justice&amp;plan=&amp;kind=" aria-current="true">Everything ' \
           f'<span class="count">{total}</span>' in facets
    assert f'href="?q=justice&amp;plan=&amp;kind=commitment">Commitments ' \
           f'<span class="count">{counts["commitment"]}</span>' in facets
    only = client.get("/en/search/?q=justice&plan=&kind=commitment").content.decode()
    assert 'kind=commitment" aria-current="true"' in only
    assert f'{counts["commitment"]} result' in only

"""Each acronym is spelled out the first time a page uses it (WCAG 3.1.4), in the page's
language, and typed text, code and links' addresses are left as they are."""

import pytest
from django.utils import translation

from opengov.core.middleware import spell_out_acronyms

PAGE = ('<html><head><title>OGP</title></head><body><header>OGP</header><main id="main">'
        '<h1>Our OGP plans</h1><p><a href="/ogp/IRM/">The IRM reviews</a> each OGP plan.</p>'
        '<textarea name="text">POC</textarea><code>POC</code><p>Ask the POC.</p>'
        '<p>OGPX and XIRM are no acronyms.</p></main><footer>IRM</footer></body></html>')


def test_the_first_use_in_the_main_content_is_spelled_out_once():
    with translation.override("en"):
        html = spell_out_acronyms(PAGE)
    assert html.count("<abbr") == 3
    assert '<h1>Our <abbr title="Open Government Partnership">OGP</abbr> plans</h1>' in html
    assert "each OGP plan" in html  # the second use stays as it is
    assert ('<a href="/ogp/IRM/">The <abbr title="Independent Reporting Mechanism">IRM</abbr>'
            ' reviews</a>') in html
    assert '<textarea name="text">POC</textarea><code>POC</code>' in html
    assert 'Ask the <abbr title="Point of Contact">POC</abbr>.' in html
    assert "<title>OGP</title>" in html and "<header>OGP</header>" in html
    assert "<footer>IRM</footer>" in html and "OGPX and XIRM" in html


def test_acronyms_are_those_of_the_reader_language():
    with translation.override("fr"):
        html = spell_out_acronyms("<main><p>Le PGO et le MEI.</p></main>")
    assert ('<abbr title="Partenariat pour un gouvernement ouvert">PGO</abbr>' in html
            and '<abbr title="Mécanisme d&#x27;évaluation indépendant">MEI</abbr>' in html)


@pytest.mark.django_db
def test_public_pages_spell_out_and_the_workspace_is_left_alone(client, demo):
    body = client.get("/fr/plans/valmerre-plan-3/").content.decode()
    assert '<abbr title="Partenariat pour un gouvernement ouvert">PGO</abbr>' in body
    assert body.count('<abbr title="Partenariat pour un gouvernement ouvert">') == 1

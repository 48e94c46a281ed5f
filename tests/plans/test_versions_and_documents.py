"""Readable comparison of versions, and the official DOCX and PDF parsed back."""

import copy
import io

import docx
import pytest
from django.urls import reverse
from pypdf import PdfReader

from opengov.plans.compare import compare, word_diff
from opengov.plans.documents import commitment_docx, plan_docx, plan_pdf


def docx_text(data: bytes) -> str:
    document = docx.Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    parts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join(parts)


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_word_diff_marks_removed_and_added_words_and_escapes():
    html = word_diff("Publish <b>all</b> decisions.", "Publish all appeal decisions.")
    assert "<del>&lt;b&gt;all&lt;/b&gt;</del>" in html
    assert "<ins>all appeal</ins>" in html or "<ins>appeal </ins>" in html


@pytest.mark.django_db
def test_compare_tells_what_changed_in_which_commitment(current_plan):
    original, amended = current_plan.versions.order_by("number")
    plan_changes, changes = compare(original.snapshot, amended.snapshot, "en")
    assert plan_changes == []
    assert [(c.number, c.status) for c in changes] == [(6, "changed")]
    fields = {f.field: f for f in changes[0].fields}
    assert set(fields) == {"expected_results"}
    assert "<ins>" in fields["expected_results"].diff and "appeal" in \
        fields["expected_results"].diff
    [(label, status, milestone_fields)] = changes[0].milestones
    assert (label, status, [f.field for f in milestone_fields]) == ("6.3", "changed",
                                                                    ["due_on"])
    # Added and removed commitments and milestones.
    new = copy.deepcopy(amended.snapshot)
    removed = new["commitments"].pop(0)
    added = copy.deepcopy(new["commitments"][0])
    added.update(number=11, slug="new-one")
    new["commitments"].append(added)
    new["commitments"][1]["milestones"].pop()
    _plan, changes = compare(amended.snapshot, new, "fr")
    statuses = {c.number: c.status for c in changes}
    assert statuses[removed["number"]] == "removed" and statuses[11] == "added"
    assert any(status == "removed" for c in changes for _l, status, _f in c.milestones)


@pytest.mark.django_db
def test_plan_docx_follows_ap1_and_cm1_in_each_language(current_plan):
    version = current_plan.versions.get(number=2)
    french = docx_text(plan_docx(version.snapshot, "fr", version))
    for expected in ("1. Introduction", "2. Efforts de gouvernement ouvert à ce jour",
                     "4. Engagements", "Troisième plan d'action national",
                     "République de Valmerre", "Jalons", "Résultat attendu",
                     "Version 2 (Modification)",
                     "les décisions des cours d'appel sont ajoutées"):
        assert expected in french, expected
    english = docx_text(plan_docx(version.snapshot, "en", version))
    assert "Commitment 6: Open justice" in english and "appeal court decisions" in english
    assert "Republic of Valmerre" in english and "Expected result" in english
    original = current_plan.versions.get(number=1)
    assert "appeal court decisions" not in docx_text(plan_docx(original.snapshot, "en",
                                                               original))


@pytest.mark.django_db
def test_plan_pdf_text_and_single_commitment(current_plan):
    version = current_plan.versions.get(number=1)
    text = pdf_text(plan_pdf(version.snapshot, "fr", version))
    assert "Troisième plan d'action national" in text and "Jalons" in text
    assert "Version 1 (Plan initial)" in text
    single = pdf_text(plan_pdf(version.snapshot, "en", only=6))
    assert "Commitment 6: Open justice" in single and "Commitment 5" not in single
    one = docx_text(commitment_docx(version.snapshot, 6, "en"))
    assert "Open justice" in one and "Problem definition" in one


@pytest.mark.django_db
def test_public_version_pages_and_files(client, current_plan):
    slug = current_plan.slug
    assert client.get(reverse("plans:version", args=[slug, 1])).status_code == 200
    page = client.get(reverse("plans:compare", args=[slug])).content.decode()
    assert "Open justice" in page and "<ins>" in page
    for lang in ("fr", "en"):
        for fmt, magic in (("pdf", b"%PDF"), ("docx", b"PK")):
            response = client.get(reverse("plans:version_file", args=[slug, 2, lang, fmt]))
            assert response.status_code == 200 and response.content.startswith(magic)
    assert client.get(reverse("plans:version_file", args=[slug, 2, "de", "pdf"])
                      ).status_code == 404
    assert client.get(reverse("plans:version_file", args=[slug, 2, "fr", "exe"])
                      ).status_code == 404
    assert client.get(reverse("plans:version", args=[slug, 9])).status_code == 404
    for bad in ("x", "١", "-1", "9" * 30, "9" * 5000):  # never another version, nor an error
        assert client.get(reverse("plans:compare", args=[slug]) + f"?from={bad}"
                          ).status_code == 404, bad


@pytest.mark.django_db
def test_private_plan_versions_are_not_public(client, users, current_plan):
    from opengov.plans.models import ActionPlan

    ActionPlan.objects.filter(pk=current_plan.pk).update(is_public=False)
    assert client.get(reverse("plans:version", args=[current_plan.slug, 1])).status_code \
        == 404
    assert client.get(reverse("plans:version_file", args=[current_plan.slug, 1, "fr", "pdf"])
                      ).status_code == 404

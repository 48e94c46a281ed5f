"""Importing contributions from CSV and XLSX: a row-level report, and never half an import."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from opengov.cocreation.importing import import_contributions
from opengov.cocreation.models import Contribution

GOOD = ("texte;type d'acteur;date;nom;courriel;accord;thèmes\n"
        "Ouvrir les données des transports scolaires;citizen;12/03/2026;Luc;luc@example.org;"
        "oui;Transparence\n"
        "Former les élus locaux au budget participatif;Civil society organisation;2026-03-14;"
        ";;non;budget; south\n")
BAD = ("texte;type d'acteur;date;courriel;accord;thèmes\n"
       "Une bonne idée bien écrite;citizen;2026-03-12;luc@example.org;oui;transparency\n"
       ";alien;31/02/2026;pas-une-adresse;peut-être;astrologie\n")


def upload(name, content):
    data = content.encode("utf-8-sig") if isinstance(content, str) else content
    return SimpleUploadedFile(name, data)


@pytest.fixture
def process(current_plan):
    return current_plan.cocreation_processes.get(purpose="plan")


@pytest.mark.django_db
class TestImport:
    def test_semicolon_csv_in_french_with_a_bom(self, process, users):
        before = Contribution.objects.count()
        report = import_contributions(actor=users["poc"], process=process, mechanism=None,
                                      uploaded=upload("atelier.csv", GOOD))
        assert report.errors == [] and report.created == 2
        assert Contribution.objects.count() == before + 2
        first = Contribution.objects.get(text="Ouvrir les données des transports scolaires")
        assert first.moderation_state == "published" and first.language == "fr"
        assert first.submitted_at.date().isoformat() == "2026-03-12"
        assert [t.slug for t in first.themes.all()] == ["transparency"]
        assert first.moderation_decisions.get().decided_by == users["poc"]
        second = Contribution.objects.get(text__startswith="Former les élus")
        assert second.moderation_state == "private" and second.stakeholder_type == "civil_society"

    def test_errors_are_reported_by_row_and_column_and_nothing_is_saved(self, process, users):
        before = Contribution.objects.count()
        report = import_contributions(actor=users["poc"], process=process, mechanism=None,
                                      uploaded=upload("atelier.csv", BAD))
        assert report.created == 0 and Contribution.objects.count() == before
        problems = {(row, column) for row, column, _ in report.errors}
        assert problems == {(3, "text"), (3, "stakeholder_type"), (3, "submitted_on"),
                            (3, "author_email"), (3, "consent_to_publish"), (3, "themes")}

    def test_xlsx(self, process, users):
        book = Workbook()
        sheet = book.active
        sheet.append(["Text", "Stakeholder type", "Submitted on", "Consent"])
        sheet.append(["Publish school inspection reports", "academia", None, "yes"])
        buffer = io.BytesIO()
        book.save(buffer)
        report = import_contributions(actor=users["poc"], process=process, mechanism=None,
                                      uploaded=upload("survey.xlsx", buffer.getvalue()))
        assert report.created == 1
        assert Contribution.objects.filter(text="Publish school inspection reports",
                                           stakeholder_type="academia").exists()

    def test_desk_page_shows_the_report(self, client, users, process):
        client.force_login(users["poc"])
        url = reverse("workspace:cocreation_import", args=[process.pk])
        assert client.get(url).status_code == 200
        response = client.post(url, {"file": upload("atelier.csv", BAD)})
        body = response.content.decode()
        assert "pas-une-adresse" in body and "astrologie" in body

    def test_wrong_file_type_and_roles(self, client, users, process):
        client.force_login(users["poc"])
        url = reverse("workspace:cocreation_import", args=[process.pk])
        response = client.post(url, {"file": upload("notes.pdf", "x")})
        assert "CSV" in response.content.decode()
        client.force_login(users["moderator"])
        assert client.get(url).status_code == 403


@pytest.mark.django_db
@pytest.mark.parametrize(("content", "message"), [
    ("texte;type d'acteur\n" + "x" * 60_000 + ";citizen\n", "Row 2 has a cell of more than"),
    ("texte;type d'acteur\nUne idée\x00 cachée;citizen\n", "NUL"),
])
def test_a_broken_file_is_refused_with_a_reason_and_nothing_is_imported(users, process,
                                                                        content, message):
    from django.core.exceptions import ValidationError

    before = Contribution.objects.count()
    with pytest.raises(ValidationError, match=message):
        import_contributions(actor=users["poc"], process=process, mechanism=None,
                             uploaded=upload("atelier.csv", content))
    assert Contribution.objects.count() == before

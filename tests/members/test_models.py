import pytest
from django.core.exceptions import ValidationError

from opengov.members.models import Member


@pytest.mark.django_db
class TestMember:
    def test_administrative_languages_must_be_configured_content_languages(self):
        member = Member(name_en="Atlantis", slug="atlantis", kind="national",
                        administrative_languages=["fr", "xx"])
        with pytest.raises(ValidationError) as error:
            member.full_clean()
        assert "xx" in str(error.value.message_dict["administrative_languages"])

    def test_administrative_languages_must_be_a_list_of_codes(self):
        member = Member(name_en="Atlantis", slug="atlantis", kind="national",
                        administrative_languages="fr")
        with pytest.raises(ValidationError):
            member.full_clean()

    def test_c6_documents_are_in_the_administrative_languages_and_english(self, demo):
        assert demo.document_languages == ["fr", "en"]
        demo.administrative_languages = ["en"]
        assert demo.document_languages == ["en"]

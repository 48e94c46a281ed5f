import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def english():
    """URLs are reversed with the active language: keep it English whatever ran before."""
    with translation.override("en"):
        yield

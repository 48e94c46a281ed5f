from opengov.core.translation import translate_and_track

from .models import Page

translate_and_track(Page, ("title", "summary", "body"))

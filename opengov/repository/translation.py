from opengov.core.translation import translate_and_track

from .models import Document

translate_and_track(Document, ("title", "description"))

from opengov.core.translation import translate_and_track

from .models import Member, Organisation, Person

translate_and_track(Member, ("name", "description"))
translate_and_track(Organisation, ("name", "description"))
translate_and_track(Person, ("title",))

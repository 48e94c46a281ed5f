"""A meeting as an iCalendar invitation (RFC 5545), for the public page and for the people
who registered. The public one never carries the remote link."""

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event


def meeting_calendar(meeting, *, url, remote_link="") -> bytes:
    cal = Calendar()
    cal.add("prodid", "-//OpenGov Platform//meetings//EN")
    cal.add("version", "2.0")
    cal.add("method", "PUBLISH")
    event = Event()
    host = settings.SITE_URL.split("//")[-1].split("/")[0].split(":")[0] or "opengov"
    event.add("uid", f"meeting-{meeting.pk}@{host}")
    event.add("dtstamp", timezone.now())
    event.add("dtstart", meeting.starts_at)
    event.add("dtend", meeting.ends_at)
    event.add("summary", meeting.title)
    if meeting.place:
        event.add("location", meeting.place)
    description = [meeting.agenda.strip()] if meeting.agenda else []
    if remote_link:
        description.append(remote_link)
    description.append(url)
    event.add("description", "\n\n".join(description))
    event.add("url", url)
    cal.add_component(event)
    return cal.to_ical()

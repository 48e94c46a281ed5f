from django.core.management.base import BaseCommand

from opengov.forum.registrations import forget_registrations, send_due_links


class Command(BaseCommand):
    help = ("E-mail the link to join online to the people registered for meetings that start "
            "within a day, forget registrations whose address was never confirmed, and erase "
            "the personal details of registrations 30 days after their meeting. Run it hourly "
            "from cron; the messages are sent by the background workers.")

    def handle(self, *args, **options):
        links = send_due_links()
        forgotten = forget_registrations()
        self.stdout.write(f"{links} links to join online sent, {forgotten} registrations "
                          f"forgotten or erased.")

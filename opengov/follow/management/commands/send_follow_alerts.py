from django.core.management.base import BaseCommand

from opengov.follow.tasks import collect_and_send, forget_unconfirmed, send_due_digests


class Command(BaseCommand):
    help = ("Tell followers what is new: alerts for what became public (consultations "
            "opening or closing soon, minutes published on their day...) and the weekly "
            "digests that are due, and forget the addresses never confirmed within a week. "
            "Run it hourly from cron; the messages are sent by the background workers.")

    def handle(self, *args, **options):
        alerts = collect_and_send()
        digests = send_due_digests()
        forgotten = forget_unconfirmed()
        self.stdout.write(f"{alerts} new notices, {digests} digests due, "
                          f"{forgotten} unconfirmed addresses forgotten.")

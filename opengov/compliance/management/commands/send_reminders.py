from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from opengov.compliance.reminders import send_reminders


class Command(BaseCommand):
    help = ("E-mail the Point of Contact team about requirements turning at risk and deadlines "
            "30 and 7 days ahead. Each reminder is sent once; run it daily from cron.")

    def add_arguments(self, parser):
        parser.add_argument("--today", help="evaluate as of this day (YYYY-MM-DD)")
        parser.add_argument("--dry-run", action="store_true", help="list, send nothing")

    def handle(self, *args, today=None, dry_run=False, **options):
        try:
            day = date.fromisoformat(today) if today else timezone.localdate()
        except ValueError as error:
            raise CommandError(f"--today: {today!r} is not a date (YYYY-MM-DD).") from error
        reminders = send_reminders(today=day, dry_run=dry_run)
        verb = "Would send" if dry_run else "Sent"
        for reminder in reminders:
            self.stdout.write(f"{verb}: {reminder.subject}")
        self.stdout.write(f"{verb} {len(reminders)} reminder(s).")

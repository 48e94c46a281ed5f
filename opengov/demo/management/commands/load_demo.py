from datetime import date

from django.core.management.base import BaseCommand, CommandError

from opengov.demo.loader import DEMO_PASSWORD, DEMO_USERS, load_demo


class Command(BaseCommand):
    help = "Load the Republic of Valmerre demo (only into a database with no member yet)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--today", help="build the demo around this day (YYYY-MM-DD); default: today, so "
                            "that a plan is in implementation and a consultation is open")

    def handle(self, *args, today=None, **options):
        try:
            day = date.fromisoformat(today) if today else None
        except ValueError as error:
            raise CommandError(f"--today: {today!r} is not a date (YYYY-MM-DD).") from error
        member = load_demo(today=day)
        if member is None:
            self.stdout.write("The database already has data: the demo was not loaded.")
            return
        self.stdout.write(self.style.SUCCESS(f"Demo loaded: {member.name}."))
        accounts = ", ".join(
            f"{user} ({role.label if role else 'administrator'})" for user, role, _ in DEMO_USERS
        )
        self.stdout.write(f"Demo accounts (password: {DEMO_PASSWORD}): {accounts}")

from django.core.management.base import BaseCommand

from opengov.demo.loader import DEMO_PASSWORD, DEMO_USERS, load_demo


class Command(BaseCommand):
    help = "Load the Republic of Valmerre demo (only into a database with no member yet)."

    def handle(self, *args, **options):
        member = load_demo()
        if member is None:
            self.stdout.write("The database already has data: the demo was not loaded.")
            return
        self.stdout.write(self.style.SUCCESS(f"Demo loaded: {member.name}."))
        accounts = ", ".join(
            f"{user} ({role.label if role else 'administrator'})" for user, role, _ in DEMO_USERS
        )
        self.stdout.write(f"Demo accounts (password: {DEMO_PASSWORD}): {accounts}")

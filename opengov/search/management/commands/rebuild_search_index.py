from django.core.management.base import BaseCommand

from opengov.search.index import rebuild


class Command(BaseCommand):
    help = "Rebuild the site search index from the public records."

    def handle(self, *args, **options):
        self.stdout.write(f"Indexed {rebuild()} public records.")

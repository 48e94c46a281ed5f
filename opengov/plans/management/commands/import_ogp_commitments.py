from django.core.management.base import BaseCommand, CommandError

from opengov.plans.ogp_import import import_commitments, read_rows


class Command(BaseCommand):
    help = ("Import plans, commitments, institutions and IRM ratings from a CSV in the column "
            "format of OGP's public commitment data. Running it twice changes nothing.")

    def add_arguments(self, parser):
        parser.add_argument("csv")
        parser.add_argument("--member", help='only this "Country/Locality", e.g. "Albania"')

    def handle(self, *args, csv, member=None, **options):
        try:
            rows = read_rows(csv)
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(f"Cannot read {csv}: {error}") from error
        report = import_commitments(rows, member_name=member)
        self.stdout.write(f"{report.members} new members, {report.plans} new plans, "
                          f"{report.commitments} new commitments.")
        for identifier, reason in report.skipped:
            self.stdout.write(f"skipped {identifier}: {reason}")

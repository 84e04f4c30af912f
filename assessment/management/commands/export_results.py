from django.core.management.base import BaseCommand

from assessment.export import csv_lines
from assessment.models import Result


class Command(BaseCommand):
    help = (
        "Write every assessment result as CSV (the admin's export columns), with no time "
        "limit: for exports too large for the admin."
    )

    def add_arguments(self, parser):
        parser.add_argument("--output", required=True, help="The CSV file to write.")

    def handle(self, *args, output, **options):
        rows = 0
        with open(output, "w", encoding="utf-8", newline="") as file:
            for line in csv_lines(Result.objects.all()):
                file.write(line)
                rows += 1
        self.stdout.write(self.style.SUCCESS(f"Wrote {rows - 1} results to {output}."))

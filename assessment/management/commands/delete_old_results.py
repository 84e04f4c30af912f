from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from assessment.retention import delete_results_older_than


class Command(BaseCommand):
    help = (
        "Delete assessment results older than a number of days (--days, or the "
        "ASSESSMENT_RESULT_RETENTION_DAYS setting). 0, the default, keeps every result. "
        "Run it from cron, for example once a day."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            help="Keep results this many days; older ones are deleted. 0 keeps them all.",
        )

    def handle(self, *args, days=None, **options):
        days = settings.ASSESSMENT_RESULT_RETENTION_DAYS if days is None else days
        if days < 0:
            raise CommandError("--days must be 0 (keep every result) or more.")
        if days == 0:
            self.stdout.write("Keeping every result: no age to delete them at is set.")
            return
        deleted = delete_results_older_than(days=days)
        self.stdout.write(self.style.SUCCESS(f"Deleted {deleted} results older than {days} days."))

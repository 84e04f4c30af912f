from django.core.management.base import BaseCommand

from assessment.tallies import rebuild_tallies


class Command(BaseCommand):
    help = (
        "Count the daily result tallies again from the stored results. The site keeps "
        "them in step itself; run this after loading or deleting results in some other "
        "way (a database restore, SQL), at a quiet time."
    )

    def handle(self, *args, **options):
        counted = rebuild_tallies()
        self.stdout.write(self.style.SUCCESS(f"Counted {counted} results into the tallies."))

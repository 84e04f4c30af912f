from django.core.management.base import BaseCommand

from assessment.seeding import load_questions


class Command(BaseCommand):
    help = (
        "Load the self-assessment's starting statements and their weights (after load_content). "
        "Safe to run again: it adds only new entries and never overwrites editors' changes."
    )

    def handle(self, *args, **options):
        created = load_questions()
        if not created:
            self.stdout.write("Questions already loaded; nothing new to add.")
            return
        summary = ", ".join(f"{count} {name}" for name, count in sorted(created.items()))
        self.stdout.write(self.style.SUCCESS(f"Loaded {summary}."))

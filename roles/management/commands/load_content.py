from django.core.management.base import BaseCommand

from assessment.seeding import load_questions
from roles.seeding import load_content


class Command(BaseCommand):
    help = (
        "Load the site's starting content: roles, skills, degree programs, sources, notes and "
        "the self-assessment's questions. Safe to run again: it adds only new entries and never "
        "overwrites editors' changes."
    )

    def handle(self, *args, **options):
        created = load_content() + load_questions()
        if not created:
            self.stdout.write("Content already loaded; nothing new to add.")
            return
        summary = ", ".join(f"{count} {name}" for name, count in sorted(created.items()))
        self.stdout.write(self.style.SUCCESS(f"Loaded {summary}."))

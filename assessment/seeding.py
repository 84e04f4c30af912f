"""
Load the self-assessment's starting statements and weights from
assessment/fixtures/questions.json.

Through roles.seeding's Loader, each entry is loaded at most once (a SeededItem
remembers its key), so loading again adds only what is new to the fixture and never
re-creates a statement or weight an editor deleted, nor overwrites one they changed.
Load the roles first: a weight for a role that does not exist yet is left for a later run.
"""

import json
from collections import Counter
from pathlib import Path

from django.db import transaction

from roles.models import Role
from roles.seeding import Loader

from .models import Question, QuestionWeight

QUESTIONS_FIXTURE = Path(__file__).parent / "fixtures" / "questions.json"


def read_fixture(path: Path = QUESTIONS_FIXTURE) -> dict:
    with open(path, encoding="utf-8") as fixture:
        return json.load(fixture)


@transaction.atomic
def load_questions(data: dict | None = None) -> Counter:
    """Load every statement and weight not loaded before; returns counts of rows created."""
    data = read_fixture() if data is None else data
    loader = Loader()
    roles = {role.slug: role for role in Role.objects.all()}

    for order, entry in enumerate(data["questions"], start=1):
        loader.once(
            f"question:{entry['key']}",
            Question,
            {"statement": entry["statement"]},
            {"hint": entry["hint"], "display_order": order * 10},
            sources=entry["sources"],
        )
        question = Question.objects.filter(statement=entry["statement"]).first()
        if question is None:  # deleted, or reworded, by an editor: theirs now
            continue

        for slug, weight in entry["weights"].items():
            if slug in roles:
                loader.once(
                    f"questionweight:{entry['key']}:{slug}",
                    QuestionWeight,
                    {"question": question, "role": roles[slug]},
                    {"weight": weight},
                )

    return loader.created

"""
Load the self-assessment's starting statements and weights from
assessment/fixtures/questions.json.

Like roles.seeding, each entry is loaded at most once (a SeededItem remembers its
key), so loading again adds only what is new to the fixture and never re-creates
a statement or weight an editor deleted, nor overwrites one they changed. Load the
roles first: a weight for a role that does not exist yet is left for a later run.
"""

import json
from collections import Counter
from pathlib import Path

from django.db import transaction

from roles.models import Role, SeededItem, Source

from .models import Question, QuestionWeight

QUESTIONS_FIXTURE = Path(__file__).parent / "fixtures" / "questions.json"


def read_fixture(path: Path = QUESTIONS_FIXTURE) -> dict:
    with open(path, encoding="utf-8") as fixture:
        return json.load(fixture)


@transaction.atomic
def load_questions(data: dict | None = None) -> Counter:
    """Load every statement and weight not loaded before; returns counts of rows created."""
    data = read_fixture() if data is None else data
    seen = set(SeededItem.objects.filter(key__startswith="question").values_list("key", flat=True))
    roles = {role.slug: role for role in Role.objects.all()}
    created = Counter()

    for order, entry in enumerate(data["questions"], start=1):
        key = f"question:{entry['key']}"
        if key not in seen:
            question, is_new = Question.objects.get_or_create(
                statement=entry["statement"],
                defaults={"hint": entry["hint"], "display_order": order * 10},
            )
            SeededItem.objects.create(key=key)
            if is_new:
                created["questions"] += 1
                question.sources.set(Source.objects.filter(key__in=entry["sources"]))
        question = Question.objects.filter(statement=entry["statement"]).first()
        if question is None:  # deleted, or reworded, by an editor: theirs now
            continue

        for slug, weight in entry["weights"].items():
            weight_key = f"questionweight:{entry['key']}:{slug}"
            if weight_key in seen or slug not in roles:
                continue
            _, is_new = QuestionWeight.objects.get_or_create(
                question=question, role=roles[slug], defaults={"weight": weight}
            )
            SeededItem.objects.create(key=weight_key)
            if is_new:
                created["question weights"] += 1

    return created

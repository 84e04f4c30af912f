"""The seeded statements: enough of them, balanced, cited, and loaded idempotently."""

from collections import Counter

import pytest
from django.core.management import call_command

from assessment.models import Question, QuestionWeight
from assessment.seeding import load_questions, read_fixture
from roles.models import Role

pytestmark = pytest.mark.django_db

PATHS = ["healthcare-management", "healthcare-administration"]


def leaning(question):
    """
    The path a statement is about: the one agreeing points toward, or away from
    for a reverse-keyed statement.
    """
    weights = {weight.role.slug: weight.weight for weight in question.weights.all()}
    return max(weights, key=lambda slug: (weights[slug], -abs(weights[slug])))


def test_at_least_twelve_active_statements_are_seeded(assessment_questions):
    assert Question.objects.active().count() >= 12


def test_statements_are_balanced_between_the_two_paths(assessment_questions):
    counts = Counter(leaning(question) for question in Question.objects.all())

    assert counts["healthcare-management"] == counts["healthcare-administration"]


def test_every_statement_weighs_a_path_and_cites_a_source(assessment_questions):
    for question in Question.objects.prefetch_related("weights__role", "sources"):
        assert any(weight.weight for weight in question.weights.all()), question
        assert question.sources.exists(), question


def test_some_statements_are_reverse_keyed(assessment_questions):
    reverse_keyed = [
        question
        for question in Question.objects.prefetch_related("weights")
        if all(weight.weight < 0 for weight in question.weights.all())
    ]

    assert len(reverse_keyed) >= 2


def test_some_statements_are_forced_choices_between_the_paths(assessment_questions):
    forced = [
        question
        for question in Question.objects.prefetch_related("weights")
        if {weight.weight > 0 for weight in question.weights.all()} == {True, False}
    ]

    assert len(forced) >= 2
    assert all(question.statement.startswith("I would rather ") for question in forced)


def test_the_seeded_order_interleaves_the_paths(assessment_questions):
    paths = [
        path
        for question in Question.objects.active().prefetch_related("weights__role")
        for path in [leaning(question)]
    ]

    assert all(first != second for first, second in zip(paths, paths[1:], strict=False))


def test_each_path_can_score_the_same_highest_total(assessment_questions):
    highest = Counter()
    for weight in QuestionWeight.objects.select_related("role"):
        highest[weight.role.slug] += 2 * abs(weight.weight)

    assert highest["healthcare-management"] == highest["healthcare-administration"]


def test_statements_are_first_person_and_short(assessment_questions):
    for question in Question.objects.all():
        assert question.statement.startswith(("I ", "I’")), question
        assert len(question.statement) <= 120


def test_hints_ask_to_imagine_an_experience(assessment_questions):
    hints = [question.hint for question in Question.objects.exclude(hint="")]

    assert len(hints) >= 4
    assert all(hint.startswith("Imagine ") for hint in hints)


@pytest.mark.filterwarnings("ignore::UserWarning")  # textstat 0.7.3 imports pkg_resources
def test_statements_and_hints_read_at_grade_eight_or_below():
    import textstat

    for entry in read_fixture()["questions"]:
        for text in filter(None, [entry["statement"], entry["hint"]]):
            assert textstat.flesch_kincaid_grade(text) <= 8, text


def test_loading_twice_creates_nothing_new(seeded):
    first = load_questions()
    second = load_questions()

    assert first["questions"] == len(read_fixture()["questions"])
    assert not second
    assert Question.objects.count() == first["questions"]
    assert QuestionWeight.objects.count() == first["question weights"]


def test_loading_again_keeps_an_editors_changes_and_deletions(assessment_questions):
    edited = assessment_questions["budgets"]
    edited.statement = "I like budgets (edited)."
    edited.save()
    weight = QuestionWeight.objects.filter(question=edited).first()
    weight.weight = 7
    weight.save()
    assessment_questions["compliance"].delete()
    count = Question.objects.count()

    load_questions()

    assert Question.objects.count() == count
    budgets = next(entry for entry in read_fixture()["questions"] if entry["key"] == "budgets")
    assert not Question.objects.filter(statement=budgets["statement"]).exists()
    weight.refresh_from_db()
    assert weight.weight == 7


def test_weights_for_a_role_that_arrives_later_are_added_on_the_next_load(seeded):
    Role.objects.filter(slug="healthcare-administration").delete()
    load_questions()
    assert not QuestionWeight.objects.filter(role__slug="healthcare-administration").exists()

    Role.objects.create(
        name="Healthcare administration",
        slug="healthcare-administration",
        summary="s",
        overview="o",
        scope=Role.Scope.DEPARTMENT,
        focus=Role.Focus.OPERATIONAL,
    )
    load_questions()

    assert QuestionWeight.objects.filter(role__slug="healthcare-administration").exists()


def test_the_load_content_command_loads_the_questions_too(seeded, capsys):
    call_command("load_content")
    call_command("load_content")

    output = capsys.readouterr().out
    assert "Loaded" in output and "questions" in output
    assert "nothing new to add" in output

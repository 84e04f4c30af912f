"""
A result keeps its answers and outcome and points to an immutable, shared copy of the
statements and weights, so its row stays small and old results render as they were.
"""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from assessment.models import AssessmentVersion, Question, QuestionWeight, Result
from assessment.services import assessment_content, record_result
from tests.factories import make_role

pytestmark = pytest.mark.django_db

FORM_URL = "/assessment/"


def row_size(result: Result) -> int:
    """The characters stored in a result's row, column by column."""
    row = Result.objects.filter(pk=result.pk).values_list().get()
    return sum(len(str(value)) for value in row[1:])  # every column but the id


def assessment_with_roles(count: int) -> dict[int, int]:
    """Eight statements weighing `count` roles; answers that favour the first role."""
    first, *others = [
        make_role(name=f"Path {n:02d}", slug=f"path-{n:02d}", display_order=n) for n in range(count)
    ]
    answers = {}
    for n in range(8):
        question = Question.objects.create(statement=f"Statement {n}.", display_order=n)
        QuestionWeight.objects.create(question=question, role=first, weight=2)
        QuestionWeight.objects.bulk_create(
            QuestionWeight(question=question, role=role, weight=-2) for role in others
        )
        answers[question.pk] = 5 if n % 2 else 4
    return answers


@pytest.mark.parametrize("roles", [2, 50])
def test_a_result_row_keeps_the_same_size_whatever_the_number_of_roles(roles):
    answers = assessment_with_roles(2)
    baseline = record_result(content=assessment_content(), answers=answers)
    baseline_size = row_size(baseline)
    Result.objects.all().delete()
    AssessmentVersion.objects.all().delete()
    QuestionWeight.objects.all().delete()
    Question.objects.all().delete()
    from roles.models import Role

    Role.objects.all().delete()

    answers = assessment_with_roles(roles)
    result = record_result(content=assessment_content(), answers=answers)

    assert len(result.version.content["roles"]) == roles
    assert row_size(result) == baseline_size


def test_results_taken_from_the_same_statements_share_one_version(client, assessment_answers):
    for _ in range(3):
        client.post(FORM_URL, assessment_answers(budgets=5))

    assert Result.objects.count() == 3
    assert AssessmentVersion.objects.count() == 1


def test_an_edit_makes_a_new_version_and_leaves_the_old_one_as_it_was(
    client, assessment_answers, assessment_questions
):
    client.post(FORM_URL, assessment_answers(budgets=5))
    old = AssessmentVersion.objects.get()
    content_before = old.content

    question = assessment_questions["budgets"]
    question.statement = "I like money talk."
    question.save()
    client.post(FORM_URL, assessment_answers(budgets=5))

    old.refresh_from_db()
    assert AssessmentVersion.objects.count() == 2
    assert old.content == content_before
    newest = Result.objects.order_by("-pk").first()
    assert newest.version != old
    assert "I like money talk." in str(newest.version.content)


# --- Results stored before versions existed ---------------------------------------


OLD_SNAPSHOT = {
    "version": 1,
    "threshold": 10,
    "verdict": "clear",
    "cant_tell_reason": None,
    "recommended": "healthcare-management",
    "runner_up": "healthcare-administration",
    "gap": 37.5,
    "roles": [
        {"slug": "healthcare-management", "name": "Healthcare management", "score": 87.5},
        {"slug": "healthcare-administration", "name": "Healthcare administration", "score": 50.0},
    ],
    "questions": [
        {
            "id": 1,
            "statement": "I enjoy planning budgets.",
            "answer": 5,
            "weights": {"healthcare-management": 2},
        },
        {
            "id": 2,
            "statement": "I enjoy big-picture thinking.",
            "answer": 4,
            "weights": {"healthcare-management": 2},
        },
        {
            "id": 3,
            "statement": "I like building staff schedules.",
            "answer": 3,
            "weights": {"healthcare-administration": 2},
        },
    ],
    "weighed_most": [1, 2],
}


@pytest.fixture
def migrated_old_results(transactional_db):
    """Results stored as snapshots, then moved by the migrations."""
    executor = MigrationExecutor(connection)
    leaf = executor.loader.graph.leaf_nodes("assessment")
    executor.migrate([("assessment", "0003_result_versions")])
    old_apps = executor.loader.project_state([("assessment", "0003_result_versions")]).apps
    OldResult = old_apps.get_model("assessment", "Result")
    for token in ("a" * 32, "b" * 32):
        OldResult.objects.create(
            token=token,
            outcome="clear",
            recommended_role_slug="healthcare-management",
            recommended_role_name="Healthcare management",
            gap=37.5,
            snapshot=OLD_SNAPSHOT,
        )
    executor = MigrationExecutor(connection)
    executor.migrate(leaf)
    return Result.objects.order_by("token")


def test_the_migration_moves_old_results_into_one_shared_version(migrated_old_results):
    first, second = migrated_old_results

    assert AssessmentVersion.objects.count() == 1
    assert first.version == second.version
    assert first.answers == [5, 4, 3]
    assert first.runner_up_role_slug == "healthcare-administration"
    assert [q["statement"] for q in first.version.content["questions"]] == [
        "I enjoy planning budgets.",
        "I enjoy big-picture thinking.",
        "I like building staff schedules.",
    ]


def test_an_old_result_renders_its_outcome_answers_and_weightiest_answers_as_before(
    client, migrated_old_results
):
    from assessment.results import result_summary

    result = migrated_old_results.first()
    summary = result_summary(result=result)

    html = client.get(result.get_absolute_url()).content.decode()
    assert "Your answers point to <strong>Healthcare management</strong>" in html
    assert [role.score for role in summary.roles] == [87.5, 50.0]
    weighed = html[html.index("The answers that weighed most") : html.index("Next steps")]
    assert "I enjoy planning budgets." in weighed
    assert "I enjoy big-picture thinking." in weighed
    answers = html[html.index('id="answers-heading"') :]
    assert (
        "<tr><td>I enjoy planning budgets.</td>"
        '<td data-label="Your answer">Strongly agree</td></tr>' in answers
    )
    assert (
        "<tr><td>I like building staff schedules.</td>"
        '<td data-label="Your answer">Neither agree nor disagree</td></tr>' in answers
    )

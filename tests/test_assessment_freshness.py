"""An editor's change to the questions, weights or threshold counts from the next request."""

import pytest
from django.conf import settings as django_settings
from django.test import Client

from assessment.models import Question, QuestionWeight, Result
from roles.models import Role

pytestmark = pytest.mark.django_db

FORM_URL = "/assessment/"
QUESTIONS = "/" + django_settings.ADMIN_URL + "assessment/question/"
SETTINGS = "/" + django_settings.ADMIN_URL + "assessment/assessmentsettings/"


@pytest.fixture
def visitor(assessment_questions):
    """An anonymous visitor who has already seen the form."""
    visitor = Client()
    assert visitor.get(FORM_URL).status_code == 200
    return visitor


def question_change_data(question: Question, **changes) -> dict:
    """The admin change form for `question` as it stands, with `changes` to its fields."""
    weights = list(question.weights.all())
    data = {
        "statement": question.statement,
        "hint": question.hint,
        "display_order": str(question.display_order),
        "is_active": "on",
        "weights-TOTAL_FORMS": str(len(weights)),
        "weights-INITIAL_FORMS": str(len(weights)),
        "weights-MIN_NUM_FORMS": "0",
        "weights-MAX_NUM_FORMS": "1000",
    }
    for index, weight in enumerate(weights):
        data[f"weights-{index}-id"] = weight.pk
        data[f"weights-{index}-question"] = question.pk
        data[f"weights-{index}-role"] = weight.role_id
        data[f"weights-{index}-weight"] = str(weight.weight)
    return {**data, **changes}


def stored_weights(result: Result, question: Question) -> dict[str, int]:
    entry = next(entry for entry in result.snapshot["questions"] if entry["id"] == question.pk)
    return entry["weights"]


def test_a_reworded_question_shows_on_the_next_request(admin_client, visitor, assessment_questions):
    question = assessment_questions["budgets"]
    old_statement = question.statement

    response = admin_client.post(
        f"{QUESTIONS}{question.pk}/change/",
        question_change_data(question, statement="I enjoy budgets above all."),
    )

    assert response.status_code == 302
    page = visitor.get(FORM_URL).content.decode()
    assert "I enjoy budgets above all." in page
    assert old_statement not in page


def test_a_deactivated_question_leaves_the_form_on_the_next_request(
    admin_client, visitor, assessment_questions
):
    question = assessment_questions["budgets"]
    data = question_change_data(question)
    del data["is_active"]

    admin_client.post(f"{QUESTIONS}{question.pk}/change/", data)

    page = visitor.get(FORM_URL).content.decode()
    assert f'name="question-{question.pk}"' not in page
    assert page.count("<fieldset") == len(assessment_questions) - 1


def test_a_changed_weight_scores_the_next_submission(
    admin_client, visitor, assessment_questions, assessment_answers
):
    question = assessment_questions["budgets"]
    weight = question.weights.get()
    new_weight = -weight.weight or 5
    data = question_change_data(question, **{"weights-0-weight": str(new_weight)})

    admin_client.post(f"{QUESTIONS}{question.pk}/change/", data)

    assert visitor.post(FORM_URL, assessment_answers(budgets=5)).status_code == 303
    assert stored_weights(Result.objects.get(), question) == {weight.role.slug: new_weight}


def test_a_weight_added_for_a_question_scores_the_next_submission(
    visitor, assessment_questions, assessment_answers
):
    question = assessment_questions["budgets"]
    weighed = set(question.weights.values_list("role", flat=True))
    other_role = Role.objects.exclude(pk__in=weighed).first()

    QuestionWeight.objects.create(question=question, role=other_role, weight=4)

    visitor.post(FORM_URL, assessment_answers(budgets=5))
    assert stored_weights(Result.objects.get(), question)[other_role.slug] == 4


def test_a_changed_threshold_decides_the_next_submission(admin_client, visitor, assessment_answers):
    answers = assessment_answers(budgets=5, staff_schedules=4)
    visitor.post(FORM_URL, answers)
    before = Result.objects.get()
    assert before.snapshot["threshold"] == 10

    admin_client.post(SETTINGS + "1/change/", {"close_call_threshold": "60"})

    visitor.post(FORM_URL, answers)
    after = Result.objects.exclude(pk=before.pk).get()
    assert after.snapshot["threshold"] == 60
    assert after.outcome == Result.Outcome.CLOSE_CALL


def test_an_unpublished_role_stops_being_scored_on_the_next_submission(visitor, assessment_answers):
    role = Role.objects.get(slug="healthcare-administration")
    role.is_published = False
    role.save()

    visitor.post(FORM_URL, assessment_answers(budgets=5))
    slugs = [entry["slug"] for entry in Result.objects.get().snapshot["roles"]]
    assert "healthcare-administration" not in slugs

"""
The assessment reads its questions, weights and threshold once per change to content (kept
with the pages, under their generation), so an edit shows on the very next request, whatever
path made it, in a constant number of queries.
"""

import pytest
from django.conf import settings as django_settings

from assessment.models import AssessmentSettings, Question, QuestionWeight, Result
from roles.models import Role
from roles.page_cache import reset_generation

from .clients import BrowserClient
from .factories import question_change_data

pytestmark = pytest.mark.django_db

FORM_URL = "/assessment/"
QUESTIONS = "/" + django_settings.ADMIN_URL + "assessment/question/"
SETTINGS = "/" + django_settings.ADMIN_URL + "assessment/assessmentsettings/"


@pytest.fixture
def visitor(assessment_questions):
    """An anonymous visitor who has already seen the form, so that its content is kept."""
    visitor = BrowserClient()
    assert visitor.get(FORM_URL).status_code == 200
    return visitor


def stored_weights(result: Result, question: Question) -> dict[str, int]:
    questions = result.version.content["questions"]
    return next(entry for entry in questions if entry["id"] == question.pk)["weights"]


# --- A constant, small number of queries ------------------------------------------


def test_the_form_reads_its_questions_in_the_same_number_of_queries_with_more_of_them(
    visitor, assessment_questions, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    # Both reads with the content cache left behind, as after an edit.
    reset_generation()
    with CaptureQueriesContext(connection) as seeded:
        assert visitor.get(FORM_URL).status_code == 200
    source = assessment_questions["budgets"]
    roles = list(Role.objects.all())
    for n in range(3 * len(assessment_questions)):
        question = Question.objects.create(statement=f"Extra statement {n}.", display_order=900 + n)
        QuestionWeight.objects.bulk_create(
            QuestionWeight(question=question, role=role, weight=1 + n % 3) for role in roles
        )
    assert source.pk  # the seeded statements are still there too

    reset_generation()
    with CaptureQueriesContext(connection) as grown:
        page = visitor.get(FORM_URL).content.decode()

    assert "Extra statement 0." in page
    assert len(grown.captured_queries) == len(seeded.captured_queries)


def test_the_questions_are_read_once_per_change_to_content(visitor, assessment_questions):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    visitor.get(FORM_URL)
    with CaptureQueriesContext(connection) as again:
        assert visitor.get(FORM_URL).status_code == 200
    assert not [q for q in again.captured_queries if "assessment_question" in q["sql"]]

    Question.objects.filter(pk=assessment_questions["budgets"].pk).update(statement="Reworded.")
    with CaptureQueriesContext(connection) as after_edit:
        page = visitor.get(FORM_URL).content.decode()
    assert [q for q in after_edit.captured_queries if "assessment_question" in q["sql"]]
    assert "Reworded." in page


def test_a_submission_stores_its_result_with_a_single_insert(visitor, assessment_answers):
    # The first submission stores the version of the statements it was scored from.
    visitor.post(FORM_URL, assessment_answers(budgets=4))
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as context:
        response = visitor.post(FORM_URL, assessment_answers(budgets=5))

    assert response.status_code == 303
    inserts = [q["sql"] for q in context.captured_queries if q["sql"].startswith("INSERT")]
    assert len(inserts) == 1
    assert inserts[0].startswith('INSERT INTO "assessment_result"')


# --- An edit shows on the very next request ---------------------------------------


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
    answers = assessment_answers(budgets=5, long_term_plans=4, staff_schedules=4, daily_office=4)
    visitor.post(FORM_URL, answers)
    before = Result.objects.get()
    assert before.version.content["threshold"] == 10

    admin_client.post(SETTINGS + "1/change/", {"close_call_threshold": "60"})

    visitor.post(FORM_URL, answers)
    after = Result.objects.exclude(pk=before.pk).get()
    assert after.version.content["threshold"] == 60
    assert after.outcome == Result.Outcome.CLOSE_CALL


def test_an_unpublished_role_stops_being_scored_on_the_next_submission(visitor, assessment_answers):
    role = Role.objects.get(slug="healthcare-administration")
    role.is_published = False
    role.save()

    visitor.post(FORM_URL, assessment_answers(budgets=5))
    slugs = [entry["slug"] for entry in Result.objects.get().version.content["roles"]]
    assert "healthcare-administration" not in slugs


def test_a_queryset_update_of_the_statements_shows_on_the_next_request(
    visitor, assessment_questions
):
    # QuerySet.update() sends no signals: nothing but reading per request can see it.
    Question.objects.filter(pk=assessment_questions["budgets"].pk).update(
        statement="I like sums more than anything."
    )

    assert "I like sums more than anything." in visitor.get(FORM_URL).content.decode()


def test_a_queryset_update_of_the_threshold_decides_the_next_submission(
    visitor, assessment_answers
):
    AssessmentSettings.objects.create(close_call_threshold=10)
    AssessmentSettings.objects.filter(pk=1).update(close_call_threshold=60)

    visitor.post(FORM_URL, assessment_answers(budgets=5, staff_schedules=4))

    assert Result.objects.get().version.content["threshold"] == 60

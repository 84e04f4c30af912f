"""An old result page never changes when the questions, weights or threshold change later."""

import pytest

from assessment.models import AssessmentSettings, Question, QuestionWeight, Result
from assessment.results import result_summary

pytestmark = pytest.mark.django_db

FORM_URL = "/assessment/"


def visible(html):
    """The parts of a result page that must not change: everything in <main> but next steps."""
    main = html[html.index("<main") : html.index("</main>")]
    return main[: main.index('id="next-heading"')] + main[main.index('id="share-heading"') :]


@pytest.fixture
def old_result(client, assessment_answers):
    data = assessment_answers(
        long_term_plans=5, budgets=4, lead_departments=5, staff_schedules=1, daily_office=2
    )
    response = client.post(FORM_URL, data)
    result = Result.objects.get()
    page = client.get(response["Location"]).content.decode()
    return result, page


def test_an_old_result_survives_question_edits_and_deletions_unchanged(
    client, old_result, assessment_questions
):
    result, before = old_result

    edited = assessment_questions["budgets"]
    edited.statement = "Rewritten by an editor."
    edited.is_active = False
    edited.save()
    QuestionWeight.objects.update(weight=-3)
    assessment_questions["long-term-plans"].delete()
    assessment_questions["staff-schedules"].delete()
    Question.objects.create(statement="A brand-new statement.", display_order=1)
    AssessmentSettings.objects.create(close_call_threshold=100)

    response = client.get(result.get_absolute_url())

    assert response.status_code == 200
    assert visible(response.content.decode()) == visible(before)


def test_an_old_result_survives_every_question_being_deleted(client, old_result):
    result, before = old_result

    Question.objects.all().delete()

    after = client.get(result.get_absolute_url()).content.decode()
    assert visible(after) == visible(before)


def test_the_stored_version_keeps_statements_weights_and_answers(old_result, assessment_questions):
    result, _ = old_result
    budgets = assessment_questions["budgets"]
    content_before = result.version.content

    budgets.statement = "Changed."
    budgets.save()
    budgets.weights.update(weight=9)
    result.refresh_from_db()

    assert result.version.content == content_before
    position = next(
        n for n, q in enumerate(result.version.content["questions"]) if q["id"] == budgets.pk
    )
    stored = result.version.content["questions"][position]
    assert stored["statement"] == "I would enjoy deciding how a hospital spends its money."
    assert stored["weights"] == {"healthcare-management": 2}
    assert result.answers[position] == 4
    summary = result_summary(result=result)
    assert summary.recommended.slug == "healthcare-management"
    assert {role.slug for role in summary.roles} == {
        "healthcare-management",
        "healthcare-administration",
    }


def test_a_results_recommendation_columns_match_its_scoring(old_result):
    result, _ = old_result
    summary = result_summary(result=result)

    assert result.recommended_role_slug == summary.recommended.slug
    assert result.recommended_role_name == "Healthcare management"
    assert result.outcome == summary.verdict

"""Taking the self-assessment in the browser's shoes: the form, submitting, the result page."""

import re

import pytest
from django.urls import reverse
from django.utils.html import escape

from assessment.models import Result
from assessment.scoring import Verdict
from roles.models import DegreeProgram, JobTitle, Role

pytestmark = pytest.mark.django_db

FORM_URL = "/assessment/"
RESULT_PATH = re.compile(r"^/assessment/results/[A-Za-z0-9_-]{32}/$")

MANAGEMENT_PROFILE = {
    "long_term_plans": 5,
    "strategic_decisions": 5,
    "budgets": 5,
    "organization_policy": 5,
    "staff_schedules": 1,
    "daily_office": 1,
}
ADMINISTRATION_PROFILE = {
    "long_term_plans": 1,
    "strategic_decisions": 1,
    "budgets": 1,
    "organization_policy": 1,
    "staff_schedules": 5,
    "daily_office": 5,
}


def submit(client, data):
    return client.post(FORM_URL, data)


def take(client, data):
    """Submit and follow to the result page; returns (result, page)."""
    response = submit(client, data)
    assert response.status_code == 303
    result = Result.objects.get()
    return result, client.get(response["Location"])


# --- The form --------------------------------------------------------------------


def test_form_shows_each_active_question_as_a_fieldset_named_by_its_legend(
    client, assessment_questions
):
    page = client.get(FORM_URL).content.decode()

    assert page.count("<fieldset") == len(assessment_questions) >= 12
    for question in assessment_questions.values():
        assert re.search(
            rf'<fieldset id="question-{question.pk}"[^>]*>\s*'
            rf'<legend class="question-statement">{re.escape(escape(question.statement))}</legend>',
            page,
        )


def test_each_question_offers_five_labelled_radios_from_strongly_disagree_to_strongly_agree(
    client, assessment_questions
):
    question = assessment_questions["budgets"]
    page = client.get(FORM_URL).content.decode()

    radios = re.findall(rf'<input type="radio" name="question-{question.pk}" value="(\d)"', page)
    assert radios == ["1", "2", "3", "4", "5"]
    for index, label in enumerate(
        ["Strongly disagree", "Disagree", "Neither agree nor disagree", "Agree", "Strongly agree"]
    ):
        assert f'for="id_question-{question.pk}_{index}">{label}</label>' in page


def test_form_needs_no_javascript(client, assessment_questions):
    page = client.get(FORM_URL).content.decode()

    assert "<script" not in page
    assert ' style="' not in page
    assert 'method="post"' in page and 'type="submit"' in page


def test_inactive_questions_are_not_asked(client, assessment_questions):
    question = assessment_questions["budgets"]
    question.is_active = False
    question.save()

    page = client.get(FORM_URL).content.decode()

    assert f"question-{question.pk}" not in page
    assert page.count("<fieldset") == len(assessment_questions) - 1


def test_questions_appear_in_display_order(client, assessment_questions):
    first = assessment_questions["daily-office"]
    first.display_order = 0
    first.save()

    page = client.get(FORM_URL).content.decode()

    assert page.index("<fieldset") == page.index(f'<fieldset id="question-{first.pk}"')


def test_form_without_any_active_question_says_so_and_stores_nothing(client, db):
    page = client.get(FORM_URL)
    response = submit(client, {})

    assert "has no statements right now" in page.content.decode()
    assert response.status_code == 422
    assert not Result.objects.exists()


def test_form_is_not_cached(client, assessment_questions):
    response = client.get(FORM_URL)

    assert "no-store" in response["Cache-Control"]


# --- Submitting --------------------------------------------------------------------


def test_a_complete_submission_stores_one_result_and_redirects_to_it_with_303(
    client, assessment_answers
):
    response = submit(client, assessment_answers(**MANAGEMENT_PROFILE))

    assert response.status_code == 303
    assert RESULT_PATH.match(response["Location"])
    result = Result.objects.get()
    assert response["Location"] == f"/assessment/results/{result.token}/"


def test_strategy_budgets_and_policy_over_scheduling_and_the_daily_office_recommends_management(
    client, assessment_answers
):
    result, page = take(client, assessment_answers(**MANAGEMENT_PROFILE))

    assert result.outcome == Verdict.CLEAR
    assert result.recommended_role_slug == "healthcare-management"
    assert "Your answers point to <strong>Healthcare management</strong>" in page.content.decode()


def test_the_mirror_profile_recommends_administration(client, assessment_answers):
    result, page = take(client, assessment_answers(**ADMINISTRATION_PROFILE))

    assert result.outcome == Verdict.CLEAR
    assert result.recommended_role_slug == "healthcare-administration"
    assert (
        "Your answers point to <strong>Healthcare administration</strong>" in page.content.decode()
    )


@pytest.mark.parametrize("answer", [1, 3, 5])
def test_all_identical_answers_give_we_cant_tell(client, assessment_answers, answer):
    result, page = take(client, assessment_answers(default=answer))

    assert result.outcome == Verdict.CANT_TELL
    assert result.recommended_role_slug == ""
    html = page.content.decode()
    assert "We can’t tell" in html
    assert "you gave the same answer to every statement" in html
    assert "point to <strong>" not in html


def test_a_small_gap_is_reported_as_a_close_call(client, assessment_answers):
    from assessment.models import AssessmentSettings

    AssessmentSettings.objects.create(close_call_threshold=50)

    result, page = take(client, assessment_answers(budgets=5, staff_schedules=4))

    assert result.outcome == Verdict.CLOSE_CALL
    assert "It’s a close call" in page.content.decode()


def test_the_threshold_comes_from_the_editable_settings(client, assessment_answers):
    from assessment.models import AssessmentSettings

    AssessmentSettings.objects.create(close_call_threshold=0)

    result, _ = take(client, assessment_answers(budgets=5, staff_schedules=4))

    assert result.outcome == Verdict.CLEAR
    assert result.snapshot["threshold"] == 0


# --- Invalid submissions -----------------------------------------------------------


def test_an_incomplete_submission_stores_nothing_and_keeps_every_given_answer(
    client, assessment_questions, assessment_answers
):
    data = assessment_answers(budgets=5, staff_schedules=1)
    budgets, schedules = assessment_questions["budgets"], assessment_questions["staff-schedules"]
    skipped = [key for key in assessment_questions if key not in {"budgets", "staff-schedules"}]
    for key in skipped:
        del data[f"question-{assessment_questions[key].pk}"]

    response = submit(client, data)

    assert response.status_code == 422
    assert not Result.objects.exists()
    html = response.content.decode()
    assert re.search(rf'name="question-{budgets.pk}" value="5"[^>]*checked', html)
    assert re.search(rf'name="question-{schedules.pk}" value="1"[^>]*checked', html)
    assert html.count("checked") == 2


def test_an_incomplete_submission_shows_an_error_summary_linking_to_each_unanswered_question(
    client, assessment_questions, assessment_answers
):
    data = assessment_answers()
    unanswered = [assessment_questions["budgets"], assessment_questions["daily-office"]]
    for question in unanswered:
        del data[f"question-{question.pk}"]

    html = submit(client, data).content.decode()

    summary = html[html.index('<div class="error-summary"') : html.index("<h1>")]
    assert 'role="alert"' in summary
    assert "There is a problem" in summary
    links = re.findall(r'<a href="#(question-\d+)">', summary)
    assert links == [f"question-{question.pk}" for question in unanswered]
    for link in links:
        assert f'<fieldset id="{link}"' in html
    assert "<title>Error: " in html


def test_an_unanswered_question_is_marked_and_described_by_its_error(
    client, assessment_questions, assessment_answers
):
    question = assessment_questions["budgets"]
    data = assessment_answers()
    del data[f"question-{question.pk}"]

    html = submit(client, data).content.decode()

    fieldset = re.search(rf'<fieldset id="question-{question.pk}"[^>]*>', html).group()
    assert f'aria-describedby="id_question-{question.pk}_error"' in fieldset
    assert f'id="id_question-{question.pk}_error"' in html
    assert "Choose how much you agree with this statement." in html


def test_an_empty_submission_lists_every_question(client, assessment_questions):
    response = submit(client, {})

    assert response.status_code == 422
    assert response.content.decode().count('<a href="#question-') == len(assessment_questions)
    assert not Result.objects.exists()


@pytest.mark.parametrize("value", ["0", "6", "-1", "3.0", "", " 3", "x", "9" * 5000, "3\x00"])
def test_an_answer_off_the_scale_is_an_error_not_a_crash(client, assessment_answers, value):
    data = assessment_answers()
    data[next(iter(data))] = value

    response = submit(client, data)

    assert response.status_code == 422
    assert not Result.objects.exists()


def test_repeated_and_extra_fields_do_not_break_the_submission(
    client, assessment_questions, assessment_answers
):
    data = {name: [value, "1"] for name, value in assessment_answers(budgets=5).items()}
    data["question-999999"] = "5"
    data["unexpected"] = "x" * 1000

    response = submit(client, data)

    assert response.status_code == 303
    assert Result.objects.count() == 1


def test_an_oversized_body_is_refused_without_storing(client, assessment_answers):
    data = assessment_answers()
    data["padding"] = "x" * 100_000

    response = submit(client, data)

    assert response.status_code == 400
    assert not Result.objects.exists()


@pytest.mark.parametrize("method", ["put", "patch", "delete"])
def test_other_methods_are_not_allowed(client, assessment_questions, method):
    response = getattr(client, method)(FORM_URL)

    assert response.status_code == 405
    assert not Result.objects.exists()


def test_the_form_needs_a_csrf_token(assessment_answers):
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post(FORM_URL, assessment_answers())

    assert response.status_code == 403
    assert not Result.objects.exists()


# --- The result page ---------------------------------------------------------------


@pytest.fixture
def management_result(client, assessment_answers):
    result, page = take(client, assessment_answers(**MANAGEMENT_PROFILE))
    return result, page.content.decode(), page


def test_result_page_is_private_noindex_and_not_cached(management_result):
    _, html, response = management_result

    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]
    assert "public" not in response["Cache-Control"]
    assert "noindex" in response["X-Robots-Tag"]
    assert '<meta name="robots" content="noindex' in html


def test_result_page_shows_both_scores_as_an_svg_chart_with_a_text_equivalent(management_result):
    result, html, _ = management_result
    scores = {role["name"]: round(role["score"]) for role in result.snapshot["roles"]}

    svg = html[html.index("<svg") : html.index("</svg>")]
    assert 'role="img"' in svg
    assert '<title id="chart-title">' in svg and '<desc id="chart-desc">' in svg
    assert svg.count('class="chart-bar') == 2
    table = html[html.index('<table class="table table-sm score-table">') :]
    for name, points in scores.items():
        assert f"{name}: {points} out of 100" in svg
        assert f'<th scope="row">{name}</th><td class="text-end">{points}</td>' in table


def test_result_page_has_no_inline_styles_or_scripts(management_result):
    _, html, _ = management_result

    assert ' style="' not in html
    assert "<script" not in html


def test_result_page_lists_the_answers_that_weighed_most(management_result):
    result, html, _ = management_result
    statements = {
        question["id"]: question["statement"] for question in result.snapshot["questions"]
    }

    section = html[html.index("The answers that weighed most") : html.index("Next steps")]
    assert result.snapshot["weighed_most"]
    for question_id in result.snapshot["weighed_most"]:
        assert escape(statements[question_id]) in section


def test_result_page_offers_next_steps_for_the_recommended_role(management_result):
    _, html, _ = management_result
    role = Role.objects.get(slug="healthcare-management")

    section = html[html.index('id="next-heading"') : html.index('id="share-heading"')]
    for title in JobTitle.objects.filter(role=role):
        assert title.title in section
    for program in DegreeProgram.objects.published().filter(pathways__role=role):
        assert program.get_absolute_url() in section
    assert 'href="/compare/healthcare-management-vs-healthcare-administration/"' in section


def test_result_page_says_it_is_guidance_not_a_test(management_result):
    _, html, _ = management_result

    assert "This is guidance, not a test." in html


def test_result_page_offers_an_absolute_share_link_and_a_retake(management_result):
    result, html, _ = management_result

    assert f'readonly value="http://testserver/assessment/results/{result.token}/"' in html
    assert f'href="{reverse("assessment:form")}"' in html
    assert "Retake the self-assessment" in html


def test_result_page_lists_every_answer_given(management_result):
    result, html, _ = management_result

    section = html[html.index('id="answers-heading"') :]
    assert section.count("<tr><td>") == len(result.snapshot["questions"])


def test_next_steps_degrade_when_the_recommended_role_is_unpublished(client, management_result):
    result, _, _ = management_result
    Role.objects.filter(slug="healthcare-management").update(is_published=False)

    response = client.get(result.get_absolute_url())

    html = response.content.decode()
    assert response.status_code == 200
    assert "Your answers point to <strong>Healthcare management</strong>" in html
    assert 'href="/compare/"' in html
    assert "every career path" in html


def test_next_steps_survive_the_recommended_role_being_deleted(client, management_result):
    result, _, _ = management_result
    Role.objects.filter(slug="healthcare-management").delete()

    response = client.get(result.get_absolute_url())

    assert response.status_code == 200
    assert "Healthcare management" in response.content.decode()


def test_result_page_runs_a_small_fixed_number_of_queries(
    client, management_result, django_assert_max_num_queries
):
    result, _, _ = management_result

    with django_assert_max_num_queries(5):
        client.get(result.get_absolute_url())


@pytest.mark.parametrize(
    "path",
    [
        "/assessment/results/" + "a" * 32 + "/",  # well formed, unknown
        "/assessment/results/" + "a" * 31 + "/",
        "/assessment/results/" + "a" * 33 + "/",
        "/assessment/results/" + "a" * 31 + "!/",
        "/assessment/results/" + "a" * 31 + "%20/",
        "/assessment/results//",
        "/assessment/results/../",
    ],
)
def test_unknown_or_malformed_tokens_are_404(client, db, path):
    assert client.get(path).status_code == 404


def test_result_page_is_read_only(client, management_result):
    result, _, _ = management_result

    assert client.post(result.get_absolute_url()).status_code == 405


def test_tokens_are_unguessable_and_distinct(client, assessment_answers):
    for _ in range(3):
        submit(client, assessment_answers(budgets=5))

    tokens = list(Result.objects.values_list("token", flat=True))
    assert len(set(tokens)) == 3
    assert all(len(token) == 32 for token in tokens)  # 24 random bytes: 192 bits


def test_a_result_stores_no_personal_data(client, assessment_answers):
    client.post(FORM_URL, assessment_answers(budgets=5), REMOTE_ADDR="203.0.113.9")

    stored = str(Result.objects.values().get())
    assert "203.0.113.9" not in stored
    assert "testserver" not in stored


def test_an_active_question_without_weights_is_asked_but_moves_no_score(client, assessment_answers):
    from assessment.models import Question

    unweighted = Question.objects.create(statement="I like tea.", display_order=1)
    agreeing = assessment_answers(**MANAGEMENT_PROFILE) | {f"question-{unweighted.pk}": "5"}
    disagreeing = assessment_answers(**MANAGEMENT_PROFILE) | {f"question-{unweighted.pk}": "1"}

    assert f'<fieldset id="question-{unweighted.pk}"' in client.get(FORM_URL).content.decode()
    assert submit(client, agreeing).status_code == 303
    assert submit(client, disagreeing).status_code == 303
    first, second = Result.objects.order_by("created_at", "pk")
    assert first.snapshot["roles"] == second.snapshot["roles"]


def test_the_sitemap_lists_no_assessment_result(client, management_result):
    result, _, _ = management_result

    response = client.get("/sitemap.xml")

    assert result.token not in response.content.decode()

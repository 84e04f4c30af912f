"""Editors manage questions, weights and the threshold, and read (never edit) results."""

import csv
import io
from datetime import timedelta

import pytest
from django.conf import settings as django_settings
from django.contrib.auth.models import Group

from assessment.models import AssessmentSettings, Question, QuestionWeight, Result
from roles.models import Role

from .factories import question_change_data

pytestmark = pytest.mark.django_db

ADMIN = "/" + django_settings.ADMIN_URL
QUESTIONS = ADMIN + "assessment/question/"
SETTINGS = ADMIN + "assessment/assessmentsettings/"
RESULTS = ADMIN + "assessment/result/"


@pytest.fixture
def results(client, settings, assessment_answers):
    """Two management results, one administration result and one we-can't-tell."""
    settings.ASSESSMENT_RATE_LIMIT = "100/m"
    settings.ASSESSMENT_CLIENT_RATE_LIMIT = "100/m"
    management = {"budgets": 5, "long_term_plans": 5, "lead_departments": 4, "daily_office": 1}
    administration = {"budgets": 1, "staff_schedules": 5, "daily_office": 5, "compliance": 4}
    for answers in (management, management, administration, {"default": 4}):
        assert client.post("/assessment/", assessment_answers(**answers)).status_code == 303
    return Result.objects.all()


def csv_rows(response):
    body = b"".join(response.streaming_content).decode()
    return list(csv.reader(io.StringIO(body)))


# --- Questions and weights -------------------------------------------------------


def test_question_list_shows_weights_order_and_active_toggle(admin_client, assessment_questions):
    response = admin_client.get(QUESTIONS)

    html = response.content.decode()
    assert response.status_code == 200
    assert "Healthcare management +2" in html
    assert 'name="form-0-display_order"' in html
    assert 'name="form-0-is_active"' in html


def test_question_list_can_be_searched_and_filtered(admin_client, assessment_questions):
    role = Role.objects.get(slug="healthcare-administration")

    searched = admin_client.get(QUESTIONS, {"q": "spends its money"})
    filtered = admin_client.get(
        QUESTIONS, {"is_active__exact": "1", "weights__role__id__exact": role.pk}
    )

    assert searched.context["cl"].result_count == 1
    assert filtered.status_code == 200
    assert 0 < filtered.context["cl"].result_count < len(assessment_questions)


def test_an_editor_adds_a_question_with_its_weights_inline(client, editor, seeded):
    client.force_login(editor)
    management = Role.objects.get(slug="healthcare-management")
    administration = Role.objects.get(slug="healthcare-administration")

    response = client.post(
        QUESTIONS + "add/",
        {
            "statement": "I like long meetings about strategy.",
            "hint": "",
            "display_order": "5",
            "is_active": "on",
            "weights-TOTAL_FORMS": "2",
            "weights-INITIAL_FORMS": "0",
            "weights-MIN_NUM_FORMS": "0",
            "weights-MAX_NUM_FORMS": "1000",
            "weights-0-role": management.pk,
            "weights-0-weight": "3",
            "weights-1-role": administration.pk,
            "weights-1-weight": "-2",
        },
    )

    assert response.status_code == 302
    question = Question.objects.get(statement="I like long meetings about strategy.")
    assert dict(question.weights.values_list("role__slug", "weight")) == {
        "healthcare-management": 3,
        "healthcare-administration": -2,
    }


def test_a_weight_out_of_range_is_refused(admin_client, assessment_questions):
    question = assessment_questions["budgets"]
    weight = question.weights.get()

    response = admin_client.post(
        f"{QUESTIONS}{question.pk}/change/",
        {
            "statement": question.statement,
            "hint": "",
            "display_order": "1",
            "is_active": "on",
            "weights-TOTAL_FORMS": "1",
            "weights-INITIAL_FORMS": "1",
            "weights-MIN_NUM_FORMS": "0",
            "weights-MAX_NUM_FORMS": "1000",
            "weights-0-id": weight.pk,
            "weights-0-question": question.pk,
            "weights-0-role": weight.role_id,
            "weights-0-weight": "11",
        },
    )

    assert response.status_code == 200
    weight.refresh_from_db()
    assert weight.weight == 2


def test_an_editor_reorders_and_deactivates_questions_from_the_list(
    client, editor, assessment_questions
):
    client.force_login(editor)
    questions = list(Question.objects.all())
    data = {
        "form-TOTAL_FORMS": str(len(questions)),
        "form-INITIAL_FORMS": str(len(questions)),
        "_save": "Save",
    }
    for index, question in enumerate(questions):
        data[f"form-{index}-id"] = question.pk
        data[f"form-{index}-display_order"] = str(100 - index)
        if index:
            data[f"form-{index}-is_active"] = "on"

    response = client.post(QUESTIONS, data)

    assert response.status_code == 302
    assert Question.objects.active().count() == len(questions) - 1
    assert Question.objects.first() == questions[-1]


# --- The threshold ---------------------------------------------------------------


def test_an_editor_sets_the_close_call_threshold_on_the_single_settings_row(client, editor):
    client.force_login(editor)

    response = client.post(SETTINGS + "1/change/", {"close_call_threshold": "15"})

    assert response.status_code == 302
    assert AssessmentSettings.current().close_call_threshold == 15
    assert client.get(SETTINGS + "add/").status_code == 403
    assert client.post(SETTINGS + "1/delete/").status_code == 403
    assert AssessmentSettings.objects.count() == 1


def test_the_threshold_cannot_exceed_100(admin_client):
    admin_client.post(SETTINGS + "1/change/", {"close_call_threshold": "101"})

    assert AssessmentSettings.current().close_call_threshold == 10


def test_settings_default_to_a_threshold_of_10_before_anyone_saves_them(db):
    assert AssessmentSettings.current().close_call_threshold == 10


# --- Results ---------------------------------------------------------------------


def test_results_list_shows_recommendation_outcome_and_counts(admin_client, results):
    response = admin_client.get(RESULTS)

    html = response.content.decode()
    assert response.status_code == 200
    counts = {
        (row["recommendation"], row["outcome"]): row["count"]
        for row in response.context["recommendation_counts"]
    }
    assert counts == {
        ("Healthcare management", "Clear recommendation"): 2,
        ("Healthcare administration", "Clear recommendation"): 1,
        ("None", "Can’t tell"): 1,
    }
    assert "Results per recommendation" in html


def test_counts_follow_the_filters(admin_client, results):
    response = admin_client.get(RESULTS, {"recommended": "healthcare-management"})

    assert response.context["cl"].result_count == 2
    assert [row["count"] for row in response.context["recommendation_counts"]] == [2]


def test_results_can_be_filtered_by_outcome_and_date(admin_client, results):
    result = results.first()
    by_outcome = admin_client.get(RESULTS, {"outcome__exact": "cant_tell"})
    day = result.created_at.date()
    by_date = admin_client.get(
        RESULTS,
        {"created_at__gte": day.isoformat(), "created_at__lt": (day + timedelta(1)).isoformat()},
    )

    assert by_outcome.context["cl"].result_count == 1
    assert by_date.context["cl"].result_count == 4


def test_results_are_read_only(admin_client, results):
    result = results.first()

    change = admin_client.get(f"{RESULTS}{result.pk}/change/")
    post = admin_client.post(f"{RESULTS}{result.pk}/change/", {"outcome": "clear"})

    assert change.status_code == 200
    assert 'name="_save"' not in change.content.decode()
    assert "Strongly agree" in change.content.decode() or "Agree" in change.content.decode()
    assert post.status_code == 403
    assert admin_client.get(RESULTS + "add/").status_code == 403


def test_editors_can_view_but_not_delete_results(client, editor, results):
    client.force_login(editor)
    result = results.first()

    assert client.get(RESULTS).status_code == 200
    assert client.get(f"{RESULTS}{result.pk}/change/").status_code == 200
    assert client.post(f"{RESULTS}{result.pk}/delete/", {"post": "yes"}).status_code == 403
    assert Result.objects.filter(pk=result.pk).exists()


def test_the_content_editors_group_has_the_assessment_permissions(db):
    codenames = set(
        Group.objects.get(name="Content editors")
        .permissions.filter(content_type__app_label="assessment")
        .values_list("codename", flat=True)
    )

    for model in ("question", "questionweight", "assessmentsettings"):
        assert {f"add_{model}", f"change_{model}", f"delete_{model}", f"view_{model}"} <= codenames
    assert "view_result" in codenames
    assert not {"add_result", "change_result", "delete_result"} & codenames


def test_selected_results_export_as_csv(admin_client, results):
    chosen = list(results.filter(outcome="clear").values_list("pk", flat=True))

    response = admin_client.post(RESULTS, {"action": "export_csv", "_selected_action": chosen})

    rows = csv_rows(response)
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    header = rows[0]
    assert header[:4] == ["result_path", "created_at", "outcome", "recommended_role"]
    assert "answers" in header
    assert len(rows) == 1 + len(chosen)
    assert {row[3] for row in rows[1:]} == {"Healthcare management", "Healthcare administration"}


def test_the_export_button_exports_the_filtered_results(admin_client, results):
    changelist = admin_client.get(RESULTS, {"outcome__exact": "clear"}).content.decode()
    assert "export/?outcome__exact=clear" in changelist

    response = admin_client.get(RESULTS + "export/", {"outcome__exact": "clear"})

    rows = csv_rows(response)
    assert len(rows) == 1 + 3
    assert all(row[0].startswith("/assessment/results/") for row in rows[1:])


def test_editors_can_export_results(client, editor, results):
    client.force_login(editor)

    response = client.get(RESULTS + "export/")

    assert len(csv_rows(response)) == 1 + 4


def test_staff_without_permission_on_results_cannot_export(client, results):
    from django.contrib.auth.models import User

    clerk = User.objects.create_user("clerk", password="a-long-test-password", is_staff=True)
    client.force_login(clerk)

    assert client.get(RESULTS + "export/").status_code == 403


def test_csv_cells_cannot_smuggle_spreadsheet_formulas(admin_client, results):
    Result.objects.update(recommended_role_name="=HYPERLINK(1)")

    rows = csv_rows(admin_client.get(RESULTS + "export/"))

    assert all(row[3] == "'=HYPERLINK(1)" for row in rows[1:])


def test_the_weights_of_a_deleted_role_go_with_it_and_old_results_remain(
    client, admin_client, results
):
    Role.objects.filter(slug="healthcare-administration").delete()

    assert not QuestionWeight.objects.filter(role__slug="healthcare-administration").exists()
    for result in results:
        assert client.get(result.get_absolute_url()).status_code == 200


# --- Balance between the paths -----------------------------------------------------


def warnings_of(response):
    return [str(m) for m in response.context["messages"] if m.level_tag == "warning"]


def test_the_question_list_shows_a_matrix_of_statements_by_path_with_highest_scores(
    admin_client, assessment_questions
):
    response = admin_client.get(QUESTIONS)

    html = response.content.decode()
    matrix = html[html.index('<div class="module statement-balance">') :]
    assert "Statements by path" in matrix
    assert '<th scope="col">Healthcare management</th>' in matrix
    assert '<th scope="col">Healthcare administration</th>' in matrix
    assert matrix.count('<th scope="row">') == len(assessment_questions) + 1
    balance = response.context["balance"]
    assert balance.highest == [40, 40]
    assert "<td>40</td><td>40</td><td>Balanced</td>" in matrix


def test_a_save_that_unbalances_the_paths_warns_the_editor(admin_client, assessment_questions):
    question = assessment_questions["budgets"]

    response = admin_client.post(
        f"{QUESTIONS}{question.pk}/change/",
        question_change_data(question, **{"weights-0-weight": "5"}),
        follow=True,
    )

    warnings = warnings_of(response)
    assert response.status_code == 200
    assert any("not balanced" in warning and "46" in warning for warning in warnings)
    assert QuestionWeight.objects.get(question=question).weight == 5  # saved all the same


def test_a_save_leaving_a_statement_that_separates_no_paths_warns_the_editor(
    admin_client, assessment_questions
):
    question = assessment_questions["goals-or-routines"]  # +2 and -2
    data = question_change_data(question)
    data["weights-0-weight"] = "2"
    data["weights-1-weight"] = "2"

    response = admin_client.post(f"{QUESTIONS}{question.pk}/change/", data, follow=True)

    assert any(
        question.statement in warning and "cannot tell" in warning
        for warning in warnings_of(response)
    )


def test_a_save_that_keeps_the_balance_gives_no_warning(admin_client, assessment_questions):
    question = assessment_questions["budgets"]

    response = admin_client.post(
        f"{QUESTIONS}{question.pk}/change/",
        question_change_data(
            question, statement="I would enjoy planning how a hospital spends money."
        ),
        follow=True,
    )

    assert warnings_of(response) == []


# --- Results at scale ------------------------------------------------------------


def test_a_token_is_found_by_exact_match(admin_client, results):
    result = results.first()

    exact = admin_client.get(RESULTS, {"q": result.token})
    partial = admin_client.get(RESULTS, {"q": result.token[:10]})

    assert [row.pk for row in exact.context["cl"].result_list] == [result.pk]
    assert partial.context["cl"].result_count == 0


def test_the_results_list_never_counts_past_its_cap(admin_client, results, monkeypatch):
    from assessment.admin import CappedCountPaginator

    monkeypatch.setattr(CappedCountPaginator, "COUNT_CAP", 2)

    response = admin_client.get(RESULTS)

    assert response.context["cl"].paginator.count == 2
    assert len(response.context["recommendation_counts"]) == 3  # the counts stay exact


@pytest.mark.parametrize(
    "params",
    [
        {"nonsense": "1"},
        {"created_at__gte": "not-a-date"},
        {"outcome__exact": "x" * 500},
        {"recommended": "\x00"},
        {"o": "99"},
        {"q": "\x00" * 10},
    ],
)
def test_unknown_or_invalid_filters_never_give_a_server_error(admin_client, results, params):
    listing = admin_client.get(RESULTS, params)
    export = admin_client.get(RESULTS + "export/", params)

    assert listing.status_code in (200, 302, 400)
    assert export.status_code in (200, 400)


def test_an_invalid_export_filter_answers_400_with_a_message(admin_client, results):
    response = admin_client.get(RESULTS + "export/", {"nonsense": "1"})

    assert response.status_code == 400
    assert b"filters are not valid" in response.content


def test_an_export_of_fifty_thousand_results_has_every_row(admin_client, assessment_questions):
    from assessment.models import AssessmentVersion

    version = AssessmentVersion.objects.create(
        content_hash="0" * 64, content={"threshold": 10, "roles": [], "questions": []}
    )
    Result.objects.bulk_create(
        (
            Result(
                token=f"{n:032d}",
                version=version,
                answers=[3],
                outcome="cant_tell",
                cant_tell_reason="same_answers",
            )
            for n in range(50_000)
        ),
        batch_size=5000,
    )

    response = admin_client.get(RESULTS + "export/")

    rows = csv_rows(response)
    assert len(rows) == 1 + 50_000
    assert len({row[0] for row in rows[1:]}) == 50_000


def test_an_export_too_large_to_stream_says_so_instead_of_cutting_the_file(
    admin_client, results, settings
):
    settings.ASSESSMENT_EXPORT_MAX_ROWS = 3

    response = admin_client.get(RESULTS + "export/")

    html = response.content.decode()
    assert response.status_code == 200
    assert not response.streaming
    assert "Too many results to export here" in html
    assert "manage.py export_results" in html


def test_an_export_within_the_limit_streams_every_row(admin_client, results, settings):
    settings.ASSESSMENT_EXPORT_MAX_ROWS = 4

    assert len(csv_rows(admin_client.get(RESULTS + "export/"))) == 1 + 4


def test_the_export_command_writes_every_result(results, tmp_path, capsys):
    from django.core.management import call_command

    output = tmp_path / "results.csv"
    call_command("export_results", output=str(output))

    with open(output, encoding="utf-8") as file:
        rows = list(csv.reader(file))
    assert len(rows) == 1 + 4
    assert "Wrote 4 results" in capsys.readouterr().out

"""Readable editing in the admin: sized texts, named sources, no bookkeeping, honest headers."""

import datetime

import pytest
from django.conf import settings as django_settings
from django.contrib import admin
from django.urls import reverse
from django.utils import timezone

from assessment.models import AssessmentSettings
from roles.admin_widgets import ContentSizedTextarea, textarea_rows
from roles.models import Role, SeededItem

from .factories import make_role, make_source

pytestmark = pytest.mark.django_db

ADMIN = "/" + django_settings.ADMIN_URL
SETTINGS = ADMIN + "assessment/assessmentsettings/"


# --- Long texts --------------------------------------------------------------------


def test_textarea_rows_fit_the_text_and_one_more_line():
    assert textarea_rows(text="a" * 100, chars_per_line=40) == 4  # 3 wrapped lines + 1
    assert textarea_rows(text="one\n\ntwo", chars_per_line=40) == 4


def test_textarea_rows_stay_between_the_limits():
    assert textarea_rows(text="", chars_per_line=40) == 2
    assert textarea_rows(text="line\n" * 100, chars_per_line=40, maximum=30) == 30


def test_content_sized_textarea_renders_the_rows_its_text_needs():
    html = ContentSizedTextarea(chars_per_line=10).render("note", "x" * 35)
    assert 'rows="5"' in html
    assert 'class="vLargeTextField content-sized"' in html


def test_role_overview_is_a_textarea_tall_enough_for_its_paragraphs(admin_client, seeded):
    role = Role.objects.get(slug="healthcare-management")
    response = admin_client.get(reverse("admin:roles_role_change", args=[role.pk]))
    overview = response.context["adminform"].form["overview"]
    rows = int(
        overview.field.widget.get_context("overview", role.overview, {})["widget"]["attrs"]["rows"]
    )
    assert rows > len(role.overview_paragraphs)
    assert 'name="overview"' in str(overview) and "content-sized" in str(overview)


def test_inline_responsibility_text_is_a_textarea(admin_client, seeded):
    role = Role.objects.get(slug="healthcare-management")
    page = admin_client.get(reverse("admin:roles_role_change", args=[role.pk])).content.decode()
    assert '<textarea name="responsibilities-0-text"' in page
    assert '<textarea name="job_titles-0-note"' in page
    assert '<textarea name="role_skills-0-note"' in page


def test_question_statement_is_a_textarea(admin_client, assessment_questions):
    question = assessment_questions["budgets"]
    page = admin_client.get(reverse("admin:assessment_question_change", args=[question.pk]))
    assert '<textarea name="statement"' in page.content.decode()


def test_admin_pages_load_the_admin_stylesheet(admin_client, client):
    page = admin_client.get(ADMIN).content.decode()
    assert 'href="/static/css/admin.css"' in page
    assert client.get("/static/css/admin.css").status_code == 200


# --- Sources -----------------------------------------------------------------------


def test_sources_with_alike_titles_are_told_apart_by_their_short_names(admin_client):
    title = "Healthcare Management vs. Healthcare Administration: what to know"
    make_source(short_name="CTU", title=title)
    make_source(short_name="HBS", title=title)
    response = admin_client.get(
        reverse("admin:autocomplete"),
        {
            "term": "Healthcare",
            "app_label": "roles",
            "model_name": "responsibility",
            "field_name": "sources",
        },
    )
    labels = sorted(result["text"] for result in response.json()["results"])
    assert labels == [f"CTU: {title}", f"HBS: {title}"]


def test_a_source_without_a_short_name_is_named_by_its_publisher():
    source = make_source(short_name="", publisher="U.S. Bureau of Labor Statistics", title="OOH")
    assert str(source) == "U.S. Bureau of Labor Statistics: OOH"


# --- Bookkeeping and singletons ----------------------------------------------------


def test_seeding_records_are_not_in_the_admin(client, editor, seeded):
    assert not admin.site.is_registered(SeededItem)
    client.force_login(editor)
    assert "Seeded item" not in client.get(ADMIN).content.decode()


def test_settings_list_goes_straight_to_the_single_row(client, editor):
    client.force_login(editor)
    response = client.get(SETTINGS)
    assert response.status_code == 302
    assert response["Location"] == SETTINGS + "1/change/"
    assert AssessmentSettings.current().close_call_threshold == 10


def test_settings_offer_neither_add_nor_delete(client, editor):
    client.force_login(editor)
    page = client.get(SETTINGS + "1/change/").content.decode()
    assert "deletelink" not in page
    assert client.get(SETTINGS + "add/").status_code == 403
    assert (
        'href="/admin/assessment/assessmentsettings/add/"' not in client.get(ADMIN).content.decode()
    )


def test_a_rejected_weight_is_never_shown_as_if_saved(admin_client, assessment_questions):
    question = assessment_questions["budgets"]
    weight = question.weights.get()
    response = admin_client.post(
        reverse("admin:assessment_question_change", args=[question.pk]),
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
    page = response.content.decode()
    assert response.status_code == 200
    assert "Ensure this value is less than or equal to 10." in page
    assert "+11" not in page
    assert f"Weight toward {weight.role.name}" in page


# --- Review dates ------------------------------------------------------------------


def role_form(role, **changes):
    """The Role change form's fields, with no inline rows."""
    data = {
        "name": role.name,
        "slug": role.slug,
        "summary": role.summary,
        "overview": role.overview,
        "scope": role.scope,
        "focus": role.focus,
        "display_order": role.display_order,
        "last_reviewed": role.last_reviewed.isoformat(),
        "is_published": "on",
    }
    for prefix in ("responsibilities", "role_skills", "job_titles", "work_settings"):
        data.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"})
    return {**data, **changes}


def test_mark_as_reviewed_today_sets_the_review_date(admin_client):
    role = make_role(last_reviewed=datetime.date(2020, 1, 1))
    url = reverse("admin:roles_role_change", args=[role.pk])
    response = admin_client.post(url, role_form(role, summary="New summary.", mark_reviewed="on"))
    assert response.status_code == 302
    role.refresh_from_db()
    assert role.last_reviewed == timezone.localdate()


def test_a_change_without_the_tick_keeps_the_review_date(admin_client):
    role = make_role(last_reviewed=datetime.date(2020, 1, 1))
    url = reverse("admin:roles_role_change", args=[role.pk])
    admin_client.post(url, role_form(role, summary="New summary."))
    role.refresh_from_db()
    assert role.summary == "New summary."
    assert role.last_reviewed == datetime.date(2020, 1, 1)


def test_needs_review_filter_lists_roles_not_reviewed_for_the_period(admin_client):
    today = timezone.localdate()
    stale = make_role(name="Stale path", last_reviewed=today - datetime.timedelta(days=400))
    fresh = make_role(name="Fresh path", last_reviewed=today - datetime.timedelta(days=30))
    response = admin_client.get(reverse("admin:roles_role_changelist"), {"review": "due"})
    listed = list(response.context["cl"].queryset)
    assert stale in listed
    assert fresh not in listed


def test_review_period_is_a_setting(admin_client, settings):
    settings.REVIEW_PERIOD_MONTHS = 1
    role = make_role(last_reviewed=timezone.localdate() - datetime.timedelta(days=45))
    response = admin_client.get(reverse("admin:roles_role_changelist"), {"review": "due"})
    assert role in list(response.context["cl"].queryset)


def test_line_breaks_sent_by_a_browser_are_kept_as_typed():
    widget = ContentSizedTextarea()
    assert widget.value_from_datadict({"overview": "One.\r\n\r\nTwo."}, {}, "overview") == (
        "One.\n\nTwo."
    )

"""Revision history: who changed what and when, field by field, and a one-step restore."""

import pytest
from django.apps import apps
from django.urls import reverse

from history.diffs import readable_value, word_diff
from history.first_versions import record_first_versions
from roles.models import Responsibility, Role
from roles.signals import is_content

from .clients import BrowserClient

pytestmark = pytest.mark.django_db

BILLING = "Handle bills and insurance claims."
EDITED = "Handle billing, coding and insurance claims."
ROLE_PAGE = "/roles/healthcare-administration/"


def responsibility_form(duty, **changes):
    data = {
        "role": duty.role_id,
        "category": duty.category,
        "text": duty.text,
        "display_order": duty.display_order,
        "sources": [source.pk for source in duty.sources.all()],
    }
    return {**data, **changes}


@pytest.fixture
def editor_client(editor):
    client = BrowserClient()
    client.force_login(editor)
    return client


@pytest.fixture
def billing(seeded):
    return Responsibility.objects.get(text=BILLING)


def edit_billing(editor_client, billing):
    url = reverse("admin:roles_responsibility_change", args=[billing.pk])
    response = editor_client.post(url, responsibility_form(billing, text=EDITED))
    assert response.status_code == 302


def test_every_content_model_keeps_a_history():
    content_models = [
        model
        for app_label in ("roles", "assessment")
        for model in apps.get_app_config(app_label).get_models()
        if is_content(model)
    ]
    untracked = [
        model._meta.label
        for model in content_models
        if not hasattr(model._meta, "simple_history_manager_attribute")
    ]
    assert content_models and untracked == []


def test_history_rows_are_not_content_edits():
    history_models = list(apps.get_app_config("history").get_models())
    assert history_models
    assert not any(is_content(model) for model in history_models)


def test_an_admin_edit_records_who_when_and_the_changed_field(editor_client, editor, billing):
    edit_billing(editor_client, billing)
    latest, previous = billing.history.all()[:2]
    assert latest.history_user == editor
    assert latest.history_type == "~"
    assert latest.history_date > previous.history_date
    changes = latest.diff_against(previous).changes
    assert [(c.field, c.old, c.new) for c in changes] == [("text", BILLING, EDITED)]


def test_history_page_shows_the_difference_word_by_word(editor_client, billing):
    edit_billing(editor_client, billing)
    url = reverse("admin:roles_responsibility_history", args=[billing.pk])
    page = editor_client.get(url).content.decode()
    assert "<del>bills</del><ins>billing, coding</ins>" in page
    assert "editor" in page


def test_history_page_names_choices_by_their_labels(editor_client, billing):
    url = reverse("admin:roles_responsibility_change", args=[billing.pk])
    editor_client.post(url, responsibility_form(billing, category="records"))
    page = editor_client.get(
        reverse("admin:roles_responsibility_history", args=[billing.pk])
    ).content.decode()
    assert "Finance and budgets &rarr; Records and billing" in page


def test_restoring_a_version_brings_its_text_back(editor_client, billing):
    original = billing.history.earliest()
    edit_billing(editor_client, billing)
    revert = reverse(
        "admin:roles_responsibility_simple_history", args=[billing.pk, original.history_id]
    )
    assert editor_client.get(revert).status_code == 200
    response = editor_client.post(revert, responsibility_form(original.instance))
    assert response.status_code == 302
    billing.refresh_from_db()
    assert billing.text == BILLING
    assert billing.history.count() == 3


def test_a_restore_reaches_the_cached_public_page(editor_client, billing):
    visitor = BrowserClient()
    assert BILLING in visitor.get(ROLE_PAGE).content.decode()
    edit_billing(editor_client, billing)
    assert EDITED in visitor.get(ROLE_PAGE).content.decode()

    original = billing.history.earliest()
    revert = reverse(
        "admin:roles_responsibility_simple_history", args=[billing.pk, original.history_id]
    )
    editor_client.post(revert, responsibility_form(original.instance))
    page = visitor.get(ROLE_PAGE).content.decode()
    assert BILLING in page
    assert EDITED not in page


def test_publish_action_is_recorded_in_history(admin_client, superuser, seeded):
    role = Role.objects.get(slug="healthcare-administration")
    admin_client.post(
        reverse("admin:roles_role_changelist"),
        {"action": "unpublish", "_selected_action": [role.pk]},
    )
    latest = role.history.first()
    assert latest.is_published is False
    assert latest.history_user == superuser


def test_word_diff_marks_removed_and_added_words():
    assert word_diff(old="Plan the yearly budget.", new="Plan the monthly budget.") == (
        "<span>Plan the </span><del>yearly</del><ins>monthly</ins><span> budget.</span>"
    )


def test_word_diff_escapes_html():
    assert word_diff(old="", new="<b>") == "<ins>&lt;b&gt;</ins>"


def test_readable_value_says_blank_rather_than_nothing():
    field = Role._meta.get_field("scope_detail")
    assert readable_value(field=field, value="") == "(blank)"


def test_word_diff_joins_changes_that_only_a_space_separates():
    assert word_diff(old="The business side of it", new="A summary that of it") == (
        "<del>The business side</del><ins>A summary that</ins><span> of it</span>"
    )


def test_content_saved_before_history_was_kept_gets_a_first_version(seeded):
    role = Role.objects.get(slug="healthcare-management")
    role.history.all().delete()
    assert record_first_versions(apps=apps) == 1
    first = role.history.get()
    assert (first.history_type, first.summary) == ("+", role.summary)
    assert record_first_versions(apps=apps) == 0

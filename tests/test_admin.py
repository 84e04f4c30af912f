import pytest
from django.apps import apps
from django.contrib import admin
from django.urls import reverse

from roles.models import Responsibility

pytestmark = pytest.mark.django_db


def test_every_admin_changelist_add_and_change_page_loads(admin_client, seeded):
    checked = 0
    for model in (model for model in apps.get_models() if admin.site.is_registered(model)):
        opts = model._meta
        prefix = f"admin:{opts.app_label}_{opts.model_name}"
        # A single-row model's list redirects straight to its one row.
        changelist = admin_client.get(reverse(f"{prefix}_changelist"), follow=True)
        assert changelist.status_code == 200, model
        assert admin_client.get(reverse(f"{prefix}_changelist"), {"q": "care"}).status_code in (
            200,
            302,
        )
        add = admin_client.get(reverse(f"{prefix}_add"))
        assert add.status_code in (200, 403), model
        obj = model.objects.first()
        if obj is not None:
            change = admin_client.get(reverse(f"{prefix}_change", args=[obj.pk]))
            assert change.status_code == 200, model
        checked += 1
    assert checked >= 10


def test_role_change_page_has_inlines_and_view_on_site(admin_client, seeded):
    from roles.models import Role

    role = Role.objects.get(slug="healthcare-management")
    response = admin_client.get(reverse("admin:roles_role_change", args=[role.pk]))
    content = response.content.decode()
    assert "responsibilities-TOTAL_FORMS" in content
    assert "job_titles-TOTAL_FORMS" in content
    assert "role_skills-TOTAL_FORMS" in content
    assert "View on site" in content


def test_content_editor_can_change_a_responsibility(client, editor, seeded):
    client.force_login(editor)
    responsibility = Responsibility.objects.first()
    url = reverse("admin:roles_responsibility_change", args=[responsibility.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "role": responsibility.role_id,
            "category": responsibility.category,
            "text": "Changed by a content editor.",
            "display_order": 1,
            "sources": [s.pk for s in responsibility.sources.all()],
        },
    )
    assert response.status_code == 302
    responsibility.refresh_from_db()
    assert responsibility.text == "Changed by a content editor."


def test_content_editor_cannot_see_users_or_groups(client, editor):
    client.force_login(editor)
    assert client.get(reverse("admin:auth_user_changelist")).status_code == 403
    assert client.get(reverse("admin:auth_group_changelist")).status_code == 403


def test_publish_action_publishes_drafts(admin_client):
    from roles.models import Role

    from .factories import make_role

    draft = make_role(is_published=False)
    admin_client.post(
        reverse("admin:roles_role_changelist"),
        {"action": "publish", "_selected_action": [draft.pk]},
    )
    draft.refresh_from_db()
    assert draft.is_published
    assert Role.objects.published().filter(pk=draft.pk).exists()


def test_content_editors_group_is_restored_after_the_database_is_flushed(transactional_db):
    from django.contrib.auth.models import Group
    from django.core.management import call_command

    Group.objects.all().delete()
    call_command("flush", "--no-input")
    group = Group.objects.get(name="Content editors")
    assert group.permissions.filter(codename="change_responsibility").exists()
    assert not group.permissions.filter(content_type__app_label="auth").exists()

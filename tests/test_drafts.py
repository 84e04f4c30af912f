import pytest

from .factories import make_role

pytestmark = pytest.mark.django_db


def test_staff_can_preview_a_draft_role_with_a_banner(admin_client):
    draft = make_role(is_published=False, name="Draft path")
    response = admin_client.get(draft.get_absolute_url())
    assert response.status_code == 200
    assert "Draft:" in response.content.decode()
    assert "Draft path" in response.content.decode()


def test_anonymous_visitor_gets_404_for_a_draft_role(client):
    draft = make_role(is_published=False)
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_published_role_shows_no_draft_banner(client):
    role = make_role(is_published=True)
    response = client.get(role.get_absolute_url())
    assert response.status_code == 200
    assert "Draft:" not in response.content.decode()

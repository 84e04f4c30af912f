"""The admin works under the site's strict Content Security Policy (default-src 'none')."""

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import expect

from .conftest import screenshot

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "a-long-browser-test-password"


@pytest.fixture
def superuser(site):
    return User.objects.create_superuser("csp-admin", "csp-admin@example.org", PASSWORD)


def test_admin_pages_load_without_csp_violations(site, new_page, superuser, settings):
    from roles.models import Role

    admin_url = f"{site.url}/{settings.ADMIN_URL}"
    page = new_page()
    page.goto(admin_url)
    page.get_by_label("Username").fill("csp-admin")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.locator("#user-tools")).to_contain_text("csp-admin")

    role = Role.objects.order_by("display_order").first()
    # The role form has inlines (their "add another" buttons are drawn by the admin's
    # scripts) and slug prepopulation; the list has actions and filters.
    for path in ["roles/role/", f"roles/role/{role.pk}/change/", "roles/role/add/"]:
        page.goto(admin_url + path)
        expect(page.locator("#content")).to_be_visible()
    page.get_by_label("Name:").press_sequentially("A new path")
    expect(page.get_by_label("Slug:")).to_have_value("a-new-path")
    screenshot(page, "admin-role-add")
    assert page.csp_violations == []

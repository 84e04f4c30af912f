"""Admin sign-in under attack: limits per address as well as per username, and fixed cool-offs."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

pytestmark = pytest.mark.django_db

ATTACKER = "203.0.113.66"


def sign_in(client, *, username, password, address=ATTACKER):
    return client.post(
        reverse("admin:login"),
        {"username": username, "password": password, "next": "/admin/"},
        REMOTE_ADDR=address,
    )


def test_random_usernames_from_one_address_get_it_locked_out(client, superuser, settings):
    for n in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, username=f"made-up-{n}", password="guess")
    # Even the right password is refused now, before any password is checked.
    response = sign_in(client, username="admin", password="a-long-test-password")
    assert response.status_code == 429


def test_a_failure_during_the_lockout_does_not_extend_it(client, superuser, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, username="admin", password="wrong-password")
    cool_off = timedelta(hours=settings.AXES_COOLOFF_TIME)
    # Near the end of the cool-off, the attacker tries again.
    AccessAttempt.objects.update(attempt_time=timezone.now() - cool_off + timedelta(seconds=30))
    assert sign_in(client, username="admin", password="wrong-password").status_code == 429

    # A minute passes: the cool-off that began with the lockout is over.
    AccessAttempt.objects.update(attempt_time=F("attempt_time") - timedelta(minutes=1))
    assert sign_in(client, username="admin", password="a-long-test-password").status_code == 302

"""The real client's address behind the site's own proxy: one value everything reads."""

import pytest
from axes.models import AccessAttempt
from django.urls import reverse

from assessment.models import Result
from hcsite.middleware import forwarded_client_address

pytestmark = pytest.mark.django_db

PROXY = "127.0.0.1"


@pytest.mark.parametrize(
    ("forwarded_for", "hops", "expected"),
    [
        ("203.0.113.7", 1, "203.0.113.7"),
        # Whatever the client wrote sits to the left of what our proxy appended.
        ("6.6.6.6, 203.0.113.7", 1, "203.0.113.7"),
        ("6.6.6.6, 203.0.113.7, 10.0.0.2", 2, "203.0.113.7"),
        ("2001:db8::1", 1, "2001:db8::1"),
    ],
)
def test_the_address_our_proxy_saw_is_the_client(forwarded_for, hops, expected):
    assert (
        forwarded_client_address(forwarded_for=forwarded_for, remote_addr=PROXY, trusted_hops=hops)
        == expected
    )


@pytest.mark.parametrize(
    ("forwarded_for", "hops"),
    [
        ("203.0.113.7", 0),  # no proxy of ours: the header is the client's own
        ("", 1),  # a request that did not pass through the proxy
        ("203.0.113.7", 2),  # fewer entries than proxies
        ("not-an-address", 1),
        ("203.0.113.7, 198.51.100.1:8080", 1),
    ],
)
def test_remote_addr_stands_when_the_header_cannot_be_trusted(forwarded_for, hops):
    assert (
        forwarded_client_address(forwarded_for=forwarded_for, remote_addr=PROXY, trusted_hops=hops)
        == PROXY
    )


def failed_login(client, *, forwarded_for, username="admin"):
    return client.post(
        reverse("admin:login"),
        {"username": username, "password": "wrong-password", "next": "/admin/"},
        REMOTE_ADDR=PROXY,
        headers={"x-forwarded-for": forwarded_for},
    )


def test_axes_records_the_client_behind_the_proxy(client, superuser, settings):
    settings.TRUSTED_PROXY_HOPS = 1
    failed_login(client, forwarded_for="6.6.6.6, 203.0.113.7")
    assert list(AccessAttempt.objects.values_list("ip_address", flat=True)) == ["203.0.113.7"]


def test_without_a_trusted_proxy_axes_ignores_the_header(client, superuser, settings):
    settings.TRUSTED_PROXY_HOPS = 0
    failed_login(client, forwarded_for="203.0.113.7")
    assert list(AccessAttempt.objects.values_list("ip_address", flat=True)) == [PROXY]


def test_editors_behind_one_proxy_are_not_locked_out_together(client, superuser, settings):
    settings.TRUSTED_PROXY_HOPS = 1
    for _ in range(settings.AXES_FAILURE_LIMIT):
        failed_login(client, forwarded_for="203.0.113.7")
    response = client.post(
        reverse("admin:login"),
        {"username": "admin", "password": "a-long-test-password", "next": "/admin/"},
        REMOTE_ADDR=PROXY,
        headers={"x-forwarded-for": "198.51.100.20"},
    )
    assert response.status_code == 302


def test_the_assessment_rate_limit_counts_each_client_behind_the_proxy(
    client, assessment_answers, settings
):
    settings.TRUSTED_PROXY_HOPS = 1
    settings.ASSESSMENT_RATE_LIMIT = "1/m"
    data = assessment_answers()

    def submit(forwarded_for):
        return client.post(
            "/assessment/", data, REMOTE_ADDR=PROXY, headers={"x-forwarded-for": forwarded_for}
        ).status_code

    assert submit("198.51.100.1") == 303
    assert submit("198.51.100.2") == 303
    # A forged entry to the left does not buy a fresh budget.
    assert submit("6.6.6.6, 198.51.100.1") == 429
    assert Result.objects.count() == 2

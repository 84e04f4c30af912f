"""The per-client submission limit on the assessment POST (issue 5, point 6)."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from assessment.models import Result
from assessment.rate_limit import Rate, hit, parse_rate

pytestmark = pytest.mark.django_db

FORM_URL = "/assessment/"


@pytest.mark.parametrize(
    ("value", "rate"),
    [
        ("10/m", Rate(10, 60)),
        ("1/s", Rate(1, 1)),
        ("100/h", Rate(100, 3600)),
        ("5000/d", Rate(5000, 86400)),
        ("30/5m", Rate(30, 300)),
        (" 10 / m ", Rate(10, 60)),
    ],
)
def test_rates_are_read_as_a_count_per_period(value, rate):
    assert parse_rate(value) == rate


@pytest.mark.parametrize(
    "value",
    ["", "10", "10/", "/m", "0/m", "10/0m", "ten/m", "10/w", "10/min", "-1/m", "1.5/m", None],
)
def test_a_bad_rate_is_refused_with_a_message_naming_the_setting(value):
    with pytest.raises(ImproperlyConfigured, match="ASSESSMENT_RATE_LIMIT"):
        parse_rate(value)


def test_requests_within_the_limit_are_allowed_and_the_next_is_refused():
    rate = Rate(3, 60)

    decisions = [hit(scope="t", client="1.2.3.4", rate=rate, now=1000.0) for _ in range(4)]

    assert [decision.allowed for decision in decisions] == [True, True, True, False]
    assert decisions[-1].retry_after == 20  # the window 960..1020 ends in 20 seconds


def test_each_client_has_its_own_budget():
    rate = Rate(1, 60)

    assert hit(scope="t", client="1.1.1.1", rate=rate, now=0).allowed
    assert hit(scope="t", client="2.2.2.2", rate=rate, now=0).allowed
    assert not hit(scope="t", client="1.1.1.1", rate=rate, now=1).allowed


def test_the_budget_comes_back_in_the_next_window():
    rate = Rate(1, 60)
    hit(scope="t", client="1.1.1.1", rate=rate, now=10)

    assert not hit(scope="t", client="1.1.1.1", rate=rate, now=59).allowed
    assert hit(scope="t", client="1.1.1.1", rate=rate, now=60).allowed


def test_over_the_limit_the_post_gets_a_friendly_429_and_nothing_is_stored(
    client, settings, assessment_answers
):
    settings.ASSESSMENT_RATE_LIMIT = "2/m"
    data = assessment_answers(budgets=5)

    statuses = [client.post(FORM_URL, data).status_code for _ in range(3)]

    assert statuses == [303, 303, 429]
    assert Result.objects.count() == 2
    refused = client.post(FORM_URL, data)
    assert "Too many submissions" in refused.content.decode()
    assert int(refused["Retry-After"]) >= 1
    assert Result.objects.count() == 2


def test_invalid_submissions_count_toward_the_limit(client, settings, assessment_answers):
    settings.ASSESSMENT_RATE_LIMIT = "2/m"

    client.post(FORM_URL, {})
    client.post(FORM_URL, {})

    assert client.post(FORM_URL, assessment_answers(budgets=5)).status_code == 429
    assert not Result.objects.exists()


def test_reading_the_form_does_not_count(client, settings, assessment_questions):
    settings.ASSESSMENT_RATE_LIMIT = "1/m"

    statuses = {client.get(FORM_URL).status_code for _ in range(3)}

    assert statuses == {200}


def test_the_limit_is_per_client_address(client, settings, assessment_answers):
    settings.ASSESSMENT_RATE_LIMIT = "1/m"
    data = assessment_answers(budgets=5)

    assert client.post(FORM_URL, data, REMOTE_ADDR="198.51.100.1").status_code == 303
    assert client.post(FORM_URL, data, REMOTE_ADDR="198.51.100.2").status_code == 303
    assert client.post(FORM_URL, data, REMOTE_ADDR="198.51.100.1").status_code == 429


def test_a_forged_forwarded_for_header_does_not_dodge_the_limit(
    client, settings, assessment_answers
):
    settings.ASSESSMENT_RATE_LIMIT = "1/m"
    data = assessment_answers(budgets=5)

    client.post(FORM_URL, data, HTTP_X_FORWARDED_FOR="192.0.2.1")

    assert client.post(FORM_URL, data, HTTP_X_FORWARDED_FOR="192.0.2.2").status_code == 429


def test_a_bad_rate_is_reported_by_the_system_checks(settings):
    from assessment.checks import check_rate_limit

    settings.ASSESSMENT_RATE_LIMIT = "lots"

    errors = check_rate_limit(None)

    assert [error.id for error in errors] == ["assessment.E001"]
    assert "ASSESSMENT_RATE_LIMIT" in errors[0].msg


def test_the_default_rate_passes_the_system_checks():
    from assessment.checks import check_rate_limit

    assert check_rate_limit(None) == []


def test_a_bad_rate_set_after_start_up_fails_the_post_loudly(client, settings, assessment_answers):
    settings.ASSESSMENT_RATE_LIMIT = "lots"
    client.raise_request_exception = True

    with pytest.raises(ImproperlyConfigured):
        client.post(FORM_URL, assessment_answers())
    assert not Result.objects.exists()

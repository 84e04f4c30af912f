"""Submission limits on the assessment POST: per address, and per client on that address."""

import re

import pytest

from assessment.models import Result

from .clients import BrowserClient

pytestmark = pytest.mark.django_db

FORM_URL = "/assessment/"


@pytest.fixture
def limits(settings):
    """Small limits, so a test reaches them in a few requests."""

    def set_limits(*, per_address="100/m", per_client="100/m"):
        settings.ASSESSMENT_RATE_LIMIT = per_address
        settings.ASSESSMENT_CLIENT_RATE_LIMIT = per_client

    return set_limits


def browser():
    """A client that has opened the form, so it holds a CSRF cookie of its own."""
    client = BrowserClient()
    assert client.get(FORM_URL).status_code == 200
    return client


def test_over_the_limit_the_form_comes_back_with_429_and_every_answer_kept(
    limits, assessment_questions, assessment_answers
):
    limits(per_client="2/m")
    client = browser()
    data = assessment_answers(budgets=5, staff_schedules=1)

    statuses = [client.post(FORM_URL, data).status_code for _ in range(2)]
    refused = client.post(FORM_URL, data)

    assert statuses == [303, 303]
    assert refused.status_code == 429
    assert Result.objects.count() == 2
    html = refused.content.decode()
    budgets = assessment_questions["budgets"]
    schedules = assessment_questions["staff-schedules"]
    assert re.search(rf'name="question-{budgets.pk}" value="5"[^>]*checked', html)
    assert re.search(rf'name="question-{schedules.pk}" value="1"[^>]*checked', html)
    assert html.count(" checked") == len(assessment_questions)


def test_a_refused_submission_says_how_long_to_wait(limits, assessment_answers):
    limits(per_client="1/m")
    client = browser()
    client.post(FORM_URL, assessment_answers(budgets=5))

    refused = client.post(FORM_URL, assessment_answers(budgets=5))

    wait = int(refused["Retry-After"])
    assert 1 <= wait <= 60
    assert f"Please wait {wait} second" in refused.content.decode()
    assert "Your answers are still here." in refused.content.decode()


def test_invalid_submissions_count_toward_the_limit(limits, assessment_answers):
    limits(per_client="2/m")
    client = browser()

    client.post(FORM_URL, {})
    client.post(FORM_URL, {})

    assert client.post(FORM_URL, assessment_answers(budgets=5)).status_code == 429
    assert not Result.objects.exists()


def test_reading_the_form_does_not_count(limits, assessment_questions):
    limits(per_address="1/m", per_client="1/m")
    client = BrowserClient()

    statuses = {client.get(FORM_URL).status_code for _ in range(3)}

    assert statuses == {200}


def test_classmates_behind_one_address_each_have_their_own_budget(limits, assessment_answers):
    limits(per_address="100/m", per_client="1/m")
    classmates = [browser() for _ in range(5)]

    statuses = [
        classmate.post(
            FORM_URL, assessment_answers(budgets=5), REMOTE_ADDR="198.51.100.7"
        ).status_code
        for classmate in classmates
    ]

    assert statuses == [303] * 5


def test_the_address_budget_holds_however_many_clients_share_it(limits, assessment_answers):
    limits(per_address="3/m", per_client="100/m")

    statuses = [
        browser()
        .post(FORM_URL, assessment_answers(budgets=5), REMOTE_ADDR="198.51.100.8")
        .status_code
        for _ in range(4)
    ]

    assert statuses == [303, 303, 303, 429]


def test_the_address_budget_is_per_address(limits, assessment_answers):
    limits(per_address="1/m")
    client = BrowserClient()
    data = assessment_answers(budgets=5)

    assert client.post(FORM_URL, data, REMOTE_ADDR="198.51.100.1").status_code == 303
    assert client.post(FORM_URL, data, REMOTE_ADDR="198.51.100.2").status_code == 303
    assert client.post(FORM_URL, data, REMOTE_ADDR="198.51.100.1").status_code == 429


def test_a_forged_forwarded_for_header_does_not_dodge_the_limit(limits, assessment_answers):
    limits(per_address="1/m")
    client = BrowserClient()
    data = assessment_answers(budgets=5)

    client.post(FORM_URL, data, HTTP_X_FORWARDED_FOR="192.0.2.1")

    assert client.post(FORM_URL, data, HTTP_X_FORWARDED_FOR="192.0.2.2").status_code == 429


def test_a_cache_that_fails_lets_the_submission_through(limits, assessment_answers, monkeypatch):
    from django.core.cache import cache

    def broken(*args, **kwargs):
        raise ConnectionError("cache is down")

    monkeypatch.setattr(cache, "add", broken)
    monkeypatch.setattr(cache, "incr", broken)

    assert BrowserClient().post(FORM_URL, assessment_answers(budgets=5)).status_code == 303
    assert Result.objects.count() == 1


@pytest.mark.parametrize("name", ["ASSESSMENT_RATE_LIMIT", "ASSESSMENT_CLIENT_RATE_LIMIT"])
@pytest.mark.parametrize("value", ["lots", "", "10", "/m", "0/m", "10/w", None, 10])
def test_a_bad_rate_is_reported_by_the_system_checks(settings, name, value):
    from assessment.checks import check_rate_limit

    setattr(settings, name, value)

    errors = check_rate_limit(None)

    assert [error.id for error in errors] == ["assessment.E001"]
    assert name in errors[0].msg


def test_the_default_rates_pass_the_system_checks():
    from assessment.checks import check_rate_limit

    assert check_rate_limit(None) == []

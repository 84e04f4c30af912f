import datetime

import pytest

from roles.reviews import is_due_for_review, months_before, review_cutoff


def test_months_before_keeps_the_day_of_the_month():
    assert months_before(day=datetime.date(2026, 6, 15), months=12) == datetime.date(2025, 6, 15)


def test_months_before_crosses_a_year():
    assert months_before(day=datetime.date(2026, 2, 10), months=3) == datetime.date(2025, 11, 10)


def test_months_before_lands_on_the_last_day_of_a_shorter_month():
    assert months_before(day=datetime.date(2026, 3, 31), months=1) == datetime.date(2026, 2, 28)


def test_review_cutoff_uses_the_review_period_setting(settings):
    settings.REVIEW_PERIOD_MONTHS = 6
    assert review_cutoff(today=datetime.date(2026, 12, 1)) == datetime.date(2026, 6, 1)


@pytest.mark.parametrize(
    ("last_reviewed", "due"),
    [(datetime.date(2025, 11, 30), True), (datetime.date(2025, 12, 1), False)],
)
def test_content_is_due_once_a_full_period_has_passed(settings, last_reviewed, due):
    settings.REVIEW_PERIOD_MONTHS = 12
    today = datetime.date(2026, 12, 1)
    assert is_due_for_review(last_reviewed=last_reviewed, today=today) is due

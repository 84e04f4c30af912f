"""When content is due for review: it was last reviewed longer ago than the review period."""

import calendar
import datetime

from django.conf import settings
from django.utils import timezone


def months_before(*, day: datetime.date, months: int) -> datetime.date:
    """The same day `months` earlier, or that month's last day if it is shorter."""
    year, month_index = divmod(day.year * 12 + day.month - 1 - months, 12)
    month = month_index + 1
    last_day = calendar.monthrange(year, month)[1]
    return day.replace(year=year, month=month, day=min(day.day, last_day))


def review_cutoff(*, today: datetime.date | None = None) -> datetime.date:
    """Content last reviewed before this date is due for review."""
    today = today or timezone.localdate()
    return months_before(day=today, months=settings.REVIEW_PERIOD_MONTHS)


def is_due_for_review(*, last_reviewed: datetime.date, today: datetime.date | None = None) -> bool:
    return last_reviewed < review_cutoff(today=today)

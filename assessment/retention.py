"""Deleting results past the age an operator chose to keep them for."""

from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from roles.page_cache import content_changed

from .models import AssessmentVersion, Result
from .tallies import delete_results


@transaction.atomic
def delete_results_older_than(*, days: int, now: datetime | None = None) -> int:
    """
    Delete every result taken more than `days` days ago, and the versions no result
    uses any more; returns the number of results deleted. `days` of 0 keeps them all.
    """
    if days < 0:
        raise ValueError("The age to keep results for cannot be negative.")
    if days == 0:
        return 0
    cutoff = (now or timezone.now()) - timedelta(days=days)
    deleted = delete_results(Result.objects.filter(created_at__lt=cutoff))
    unused = AssessmentVersion.objects.filter(results__isnull=True)
    if unused.delete()[0]:
        # Submissions look a version up in the cache (services.record_result): leave any
        # deleted one behind there too.
        content_changed(using=unused.db)
    return deleted

"""
Results counted per day, outcome and recommendation (ResultTally), so the admin's
counts per recommendation add up a few thousand tallies instead of a million results.

Every write to the results goes through here: count_result() in the transaction that
stores a result, delete_results() for every deletion. A deletion counts the days it
touched again from the results themselves, so those days are exact whatever came before.
rebuild_tallies() counts every day again, after results were loaded some other way.
"""

from collections.abc import Iterable, Iterator, Mapping
from datetime import date, datetime, time, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, F, QuerySet, Sum
from django.db.models.functions import TruncDate
from django.utils import timezone

from .models import Result, ResultTally

# What a tally tells apart, besides the day; also what the admin's counts group by.
KEY_FIELDS = ["outcome", "recommended_role_slug", "recommended_role_name"]


def tally_day(moment: datetime) -> date:
    """The day a result counts toward: its date in settings.TIME_ZONE."""
    return timezone.localtime(moment, timezone.get_default_timezone()).date()


def day_start(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time()), timezone.get_default_timezone())


def count_result(result: Result) -> None:
    """Add a just-stored result to its tally; call it in the transaction that stored it."""
    key = {field: getattr(result, field) for field in KEY_FIELDS}
    key["day"] = tally_day(result.created_at)
    # The UPDATE adds in the database, so nothing is lost between two workers; it is the
    # only query once the day's tally exists.
    if ResultTally.objects.filter(**key).update(results=F("results") + 1):
        return
    # The day's first result: get_or_create() reads again after a clash, so two first
    # results of a day both end up adding to the one row.
    tally, created = ResultTally.objects.get_or_create(**key, defaults={"results": 1})
    if not created:
        ResultTally.objects.filter(pk=tally.pk).update(results=F("results") + 1)


def by_tally_day(results: QuerySet) -> QuerySet:
    """`results`, unordered, each annotated with its `tally_day` (see tally_day())."""
    return results.order_by().annotate(
        tally_day=TruncDate("created_at", tzinfo=timezone.get_default_timezone())
    )


def counted_tallies(results: QuerySet) -> Iterator[ResultTally]:
    """Unsaved tallies counting `results` (annotated by by_tally_day()) per day and key."""
    rows = results.values("tally_day", *KEY_FIELDS).annotate(stored=Count("*"))
    for row in rows.iterator():
        key = {field: row[field] for field in KEY_FIELDS}
        yield ResultTally(day=row["tally_day"], results=row["stored"], **key)


def recount_days(days: Iterable[date]) -> None:
    """Count these days' tallies again from the results they hold."""
    days = set(days)
    if not days:
        return
    ResultTally.objects.filter(day__in=days).delete()
    results = Result.objects.filter(
        created_at__gte=day_start(min(days)),
        created_at__lt=day_start(max(days) + timedelta(days=1)),
    )
    ResultTally.objects.bulk_create(
        counted_tallies(by_tally_day(results).filter(tally_day__in=days))
    )


@transaction.atomic
def delete_results(queryset: QuerySet) -> int:
    """Delete the results of `queryset` and keep the tallies in step; returns how many."""
    days = set(by_tally_day(queryset).values_list("tally_day", flat=True).distinct())
    deleted, _ = queryset.order_by().delete()
    recount_days(days)
    return deleted


@transaction.atomic
def rebuild_tallies() -> int:
    """Count every day again from the results; returns the number of results counted."""
    ResultTally.objects.all().delete()
    tallies = ResultTally.objects.bulk_create(
        counted_tallies(by_tally_day(Result.objects.all())), batch_size=1000
    )
    return sum(tally.results for tally in tallies)


# --- Reading the counts -------------------------------------------------------------


def _ordered(rows: QuerySet) -> list[dict]:
    return list(rows.order_by("-count", "recommended_role_name", "outcome"))


def counts_of(results: QuerySet) -> list[dict]:
    """{"outcome", "recommended_role_name", "count"} for these results, counted one by one."""
    return _ordered(
        results.order_by().values("outcome", "recommended_role_name").annotate(count=Count("*"))
    )


def counts_from_tallies(**lookups) -> list[dict]:
    """
    What counts_of() gives for the results that these lookups on the tallies select
    (`outcome`, `recommended_role_slug`: "" for none, `day__gte`, `day__lt`), added up from
    the tallies.
    """
    tallies = ResultTally.objects.filter(**lookups)
    return _ordered(
        tallies.values("outcome", "recommended_role_name").annotate(count=Sum("results"))
    )


def midnight(value: str) -> date | None:
    """
    The day that starts at the moment `value` names (settings.TIME_ZONE when it names
    none), as the admin's date filter writes it; None for any other time or no time at all.
    """
    try:
        # Read the way the filter itself reads it: a date and time, or a date alone.
        moment = Result._meta.get_field("created_at").to_python(value)
    except ValidationError:  # no time at all, or well formed but no such date (month 13)
        return None
    zone = timezone.get_default_timezone()
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment, zone)
    local = timezone.localtime(moment, zone)
    return local.date() if local.time() == time() else None


# A date filter's bounds as lookups on the tallies' day.
DAY_LOOKUPS = {"since": "day__gte", "until": "day__lt"}


def tally_filters(
    params: Mapping[str, list[str]],
    *,
    fields: Mapping[str, str],
    paths: Mapping[str, str],
    ignored: Iterable[str],
) -> dict | None:
    """
    The results list's query string ({name: [values]}) as lookups for
    counts_from_tallies(), or None when the tallies cannot answer it (a search, a time
    other than midnight, any other lookup) and the results must be counted one by one.

    `fields` names the list's parameters: {"search", "outcome", "path", "since",
    "until"}: name. `paths` maps each value of the path filter to its slug; `ignored`
    are the parameters that change the page shown but not which results are listed.
    """
    arguments = {name: argument for argument, name in fields.items()}
    filters = {}
    for name, values in params.items():
        if name in ignored:
            continue
        if len(values) != 1:
            return None
        value, argument = values[0], arguments.get(name)
        if argument == "search":
            if value.strip():
                return None
        elif argument == "path":
            if value not in paths:
                return None
            filters["recommended_role_slug"] = paths[value]
        elif argument == "outcome":
            if "\x00" in value:  # PostgreSQL refuses to compare it
                return None
            filters["outcome"] = value
        elif argument in DAY_LOOKUPS:
            day = midnight(value)
            if day is None:
                return None
            filters[DAY_LOOKUPS[argument]] = day
        else:
            return None
    return filters

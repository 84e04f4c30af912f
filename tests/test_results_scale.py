"""
Results analytics that hold at a million rows: the counts per recommendation come from
daily tallies that always equal a count of the results themselves, and the results list
never counts the whole table.
"""

from collections import Counter
from datetime import date, datetime, time, timedelta

import pytest
from django.conf import settings as django_settings
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from assessment.models import Result, ResultTally
from assessment.retention import delete_results_older_than
from assessment.tallies import (
    counts_from_tallies,
    counts_of,
    delete_results,
    midnight,
    rebuild_tallies,
    tally_filters,
)

pytestmark = pytest.mark.django_db

RESULTS = "/" + django_settings.ADMIN_URL + "assessment/result/"
MANAGEMENT = {"budgets": 5, "long_term_plans": 5, "lead_departments": 4, "daily_office": 1}
ADMINISTRATION = {"budgets": 1, "staff_schedules": 5, "daily_office": 5, "compliance": 4}
CANT_TELL = {"default": 4}
ZONE = timezone.get_default_timezone()


def at(day: date, hour=12, minute=0, second=0) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, minute, second)), ZONE)


def tallies_in_table() -> Counter:
    return Counter(
        {
            (t.day, t.outcome, t.recommended_role_slug, t.recommended_role_name): t.results
            for t in ResultTally.objects.all()
        }
    )


def tallies_counted_here() -> Counter:
    """The tallies as they must be, counted in Python from every stored result."""
    return Counter(
        (
            timezone.localtime(r.created_at, ZONE).date(),
            r.outcome,
            r.recommended_role_slug,
            r.recommended_role_name,
        )
        for r in Result.objects.all()
    )


def assert_tallies_exact():
    assert +tallies_in_table() == tallies_counted_here()
    assert not ResultTally.objects.filter(results=0).exists()


@pytest.fixture
def submit(client, settings, assessment_answers):
    settings.ASSESSMENT_RATE_LIMIT = "1000/m"
    settings.ASSESSMENT_CLIENT_RATE_LIMIT = "1000/m"

    def post(*answer_sets):
        for answers in answer_sets:
            assert client.post("/assessment/", assessment_answers(**answers)).status_code == 303
        return Result.objects.order_by("-pk")[: len(answer_sets)]

    return post


@pytest.fixture
def today():
    return timezone.localdate(timezone.now(), ZONE)


@pytest.fixture
def spread(submit, today):
    """
    Nine results over five days, two of them on either side of a midnight, stored by
    the site, then moved in time behind its back and tallied again as after a restore.
    """
    submit(MANAGEMENT, MANAGEMENT, ADMINISTRATION, CANT_TELL, MANAGEMENT)
    submit(ADMINISTRATION, CANT_TELL, MANAGEMENT, ADMINISTRATION)
    moments = [
        at(today, 0, 0, 0),
        at(today - timedelta(days=1), 23, 59, 59),
        at(today - timedelta(days=1), 9),
        at(today - timedelta(days=10)),
        at(today - timedelta(days=10)),
        at(today - timedelta(days=40)),
        at(today - timedelta(days=400)),
        at(today - timedelta(days=400)),
        at(today.replace(month=1, day=1) - timedelta(days=1), 23, 30),
    ]
    for result, moment in zip(Result.objects.order_by("pk"), moments, strict=True):
        Result.objects.filter(pk=result.pk).update(created_at=moment)
    assert rebuild_tallies() == 9
    return Result.objects.order_by("pk")


# --- The tallies equal the results -------------------------------------------------


def test_every_submission_adds_to_its_days_tally(submit, today):
    submit(MANAGEMENT, MANAGEMENT, ADMINISTRATION, CANT_TELL)

    assert_tallies_exact()
    assert {tally.day for tally in ResultTally.objects.all()} == {today}
    assert sum(ResultTally.objects.values_list("results", flat=True)) == 4
    assert counts_from_tallies() == counts_of(Result.objects.all())


def test_rebuilding_counts_every_day_again(spread):
    ResultTally.objects.update(results=99)
    ResultTally.objects.filter(outcome="cant_tell").delete()

    call_command("rebuild_result_tallies")

    assert_tallies_exact()


def test_deleting_in_the_admin_keeps_the_tallies_exact(admin_client, spread):
    first, second, third = spread[:3]

    response = admin_client.post(f"{RESULTS}{first.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    response = admin_client.post(
        RESULTS,
        {"action": "delete_selected", "_selected_action": [second.pk, third.pk], "post": "yes"},
    )
    assert response.status_code == 302

    assert Result.objects.count() == 6
    assert_tallies_exact()


def test_retention_keeps_the_tallies_exact(spread, today):
    kept = Result.objects.filter(created_at__gte=at(today - timedelta(days=30), 12)).count()

    delete_results_older_than(days=30, now=at(today, 12))

    assert Result.objects.count() == kept < 9
    assert_tallies_exact()
    assert ResultTally.objects.filter(day__lt=today - timedelta(days=30)).count() == 0


def test_retention_cutting_a_day_in_two_counts_what_remains_of_it(submit, today):
    submit(MANAGEMENT, MANAGEMENT, CANT_TELL)
    day = today - timedelta(days=5)
    for result, hour in zip(Result.objects.order_by("pk"), (6, 12, 18), strict=True):
        Result.objects.filter(pk=result.pk).update(created_at=at(day, hour))
    rebuild_tallies()

    delete_results_older_than(days=5, now=at(today, 13))  # cutoff: day at 13:00

    assert list(Result.objects.values_list("created_at", flat=True)) == [at(day, 18)]
    assert_tallies_exact()


def test_a_deletion_leaves_the_days_it_touched_exact_even_if_they_were_not(spread, today):
    day = today - timedelta(days=10)
    ResultTally.objects.filter(day=day).update(results=50)
    one = Result.objects.filter(created_at__gte=at(day, 0), created_at__lt=at(day, 23)).first()

    assert delete_results(Result.objects.filter(pk=one.pk)) == 1

    assert ResultTally.objects.filter(day=day).get().results == 1

    assert_tallies_exact()


def test_the_migration_tallies_the_results_stored_before_it(transactional_db):
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    leaf = executor.loader.graph.leaf_nodes("assessment")
    before = [("assessment", "0005_compact_results")]
    executor.migrate(before)
    old_apps = executor.loader.project_state(before).apps
    version = old_apps.get_model("assessment", "AssessmentVersion").objects.create(
        content_hash="f" * 64, content={"threshold": 10, "roles": [], "questions": []}
    )
    OldResult = old_apps.get_model("assessment", "Result")
    day = date(2026, 3, 14)
    for token, moment, outcome in [
        ("a", at(day, 1), "cant_tell"),
        ("b", at(day, 23), "cant_tell"),
        ("c", at(day + timedelta(days=1), 0), "cant_tell"),
        ("d", at(day, 2), "neither"),
    ]:
        OldResult.objects.create(
            token=token * 32, created_at=moment, version=version, answers=[], outcome=outcome
        )

    MigrationExecutor(connection).migrate(leaf)

    assert tallies_in_table() == Counter(
        {
            (day, "cant_tell", "", ""): 2,
            (day + timedelta(days=1), "cant_tell", "", ""): 1,
            (day, "neither", "", ""): 1,
        }
    )


def test_editors_may_not_change_the_tallies(db):
    codenames = set(
        Group.objects.get(name="Content editors")
        .permissions.filter(content_type__model="resulttally")
        .values_list("codename", flat=True)
    )
    assert codenames == {"view_resulttally"}


# --- The counts the results list shows ---------------------------------------------


def admin_filter_link(day: date) -> str:
    """A day's start as the admin's date filter writes it in its links."""
    return str(at(day, 0))


def list_filters(today):
    """The list's own filters, each as an editor reaches it, and the results it lists."""
    seven_days_ago, tomorrow = today - timedelta(days=7), today + timedelta(days=1)
    new_year = today.replace(month=1, day=1)
    return [
        ({}, {}),
        ({"outcome__exact": "clear"}, {"outcome": "clear"}),
        ({"outcome__exact": "cant_tell"}, {"outcome": "cant_tell"}),
        (
            {"recommended": "healthcare-management"},
            {"recommended_role_slug": "healthcare-management"},
        ),
        ({"recommended": "none"}, {"recommended_role_slug": ""}),
        (
            {
                "created_at__gte": admin_filter_link(seven_days_ago),
                "created_at__lt": admin_filter_link(tomorrow),
            },
            {"created_at__gte": at(seven_days_ago, 0), "created_at__lt": at(tomorrow, 0)},
        ),
        (
            {
                "created_at__gte": admin_filter_link(new_year),
                "created_at__lt": admin_filter_link(new_year.replace(year=new_year.year + 1)),
            },
            {
                "created_at__gte": at(new_year, 0),
                "created_at__lt": at(new_year.replace(year=new_year.year + 1), 0),
            },
        ),
        (
            {
                "created_at__gte": (today - timedelta(days=1)).isoformat(),
                "created_at__lt": today.isoformat(),
            },
            {"created_at__gte": at(today - timedelta(days=1), 0), "created_at__lt": at(today, 0)},
        ),
        (
            {
                "outcome__exact": "clear",
                "recommended": "healthcare-administration",
                "created_at__gte": admin_filter_link(today - timedelta(days=30)),
                "o": "-2",
                "p": "1",
            },
            {
                "outcome": "clear",
                "recommended_role_slug": "healthcare-administration",
                "created_at__gte": at(today - timedelta(days=30), 0),
            },
        ),
    ]


def results_queries(queries) -> list[str]:
    """The SQL of the queries that read the results table itself (not the tallies)."""
    return [q["sql"] for q in queries if '"assessment_result"' in q["sql"]]


@pytest.mark.parametrize("case", range(len(list_filters(date(2026, 6, 15)))))
def test_the_list_filters_and_its_counts_equal_a_direct_count(admin_client, spread, today, case):
    params, lookups = list_filters(today)[case]
    expected = Result.objects.filter(**lookups)

    with CaptureQueriesContext(connection) as queries:
        response = admin_client.get(RESULTS, params)

    assert response.status_code == 200
    listed = response.context["cl"].result_list
    assert sorted(result.pk for result in listed) == sorted(expected.values_list("pk", flat=True))
    counts = {
        (row["recommendation"], row["outcome"]): row["count"]
        for row in response.context["recommendation_counts"]
    }
    labels = dict(Result.Outcome.choices)
    assert counts == {
        (row["recommended_role_name"] or "None", labels[row["outcome"]]): row["count"]
        for row in counts_of(expected)
    }
    # Nothing counts or groups the results table: the pager's count stops at its cap,
    # and the counts per recommendation add up the tallies.
    for sql in results_queries(queries.captured_queries):
        assert "GROUP BY" not in sql
        assert "COUNT(" not in sql or "LIMIT" in sql, sql
    assert any('FROM "assessment_resulttally"' in q["sql"] for q in queries.captured_queries)


@pytest.mark.parametrize(
    "params",
    [
        {"created_at__gte": "{yesterday} 12:00:00"},
        {"created_at__lte": "{yesterday}"},
        {"gap__gt": "10"},
        {"outcome__exact": ["clear", "cant_tell"]},
        {"recommended": "no-such-path"},
    ],
)
def test_filters_the_tallies_do_not_keep_are_counted_from_the_results(
    admin_client, spread, today, params
):
    params = {
        name: value.format(yesterday=today - timedelta(days=1)) if isinstance(value, str) else value
        for name, value in params.items()
    }

    response = admin_client.get(RESULTS, params)

    assert response.status_code == 200
    listed = Result.objects.filter(pk__in=[r.pk for r in response.context["cl"].result_list])
    assert [row["count"] for row in response.context["recommendation_counts"]] == [
        row["count"] for row in counts_of(listed)
    ]


def test_a_token_search_matches_the_whole_token_through_its_index(admin_client, spread):
    result = spread[4]

    with CaptureQueriesContext(connection) as queries:
        response = admin_client.get(RESULTS, {"q": f"  {result.token} "})

    assert [row.pk for row in response.context["cl"].result_list] == [result.pk]
    assert [row["count"] for row in response.context["recommendation_counts"]] == [1]
    searches = [sql for sql in results_queries(queries.captured_queries) if "token" in sql]
    assert any(f'"assessment_result"."token" = \'{result.token}\'' in sql for sql in searches)
    assert not any("LIKE" in sql.upper() or "UPPER(" in sql.upper() for sql in searches)


def test_the_list_offers_no_facet_counts(admin_client, spread):
    html = admin_client.get(RESULTS).content.decode()

    assert "_facets" not in html


# --- Reading the list's query string ---------------------------------------------------

FIELDS = {
    "search": "q",
    "outcome": "outcome__exact",
    "path": "recommended",
    "since": "created_at__gte",
    "until": "created_at__lt",
}
PATHS = {"healthcare-management": "healthcare-management", "none": ""}


def read(**params):
    return tally_filters(
        {name: value if isinstance(value, list) else [value] for name, value in params.items()},
        fields=FIELDS,
        paths=PATHS,
        ignored={"o", "p"},
    )


def test_the_lists_own_filters_become_tally_filters():
    assert read() == {}
    assert read(o="1", p="3", q="  ") == {}
    assert read(
        outcome__exact="clear",
        recommended="none",
        created_at__gte="2026-01-01 00:00:00+00:00",
        created_at__lt="2027-01-01",
    ) == {
        "outcome": "clear",
        "recommended_role_slug": "",
        "day__gte": date(2026, 1, 1),
        "day__lt": date(2027, 1, 1),
    }


@pytest.mark.parametrize(
    "params",
    [
        {"q": "a-token"},
        {"created_at__gte": "2026-01-01 00:00:01"},
        {"created_at__gte": "2026-01-01 00:00:00+02:00"},
        {"created_at__gte": "2026-13-01"},
        {"created_at__gte": "soon"},
        {"recommended": "a-deleted-path"},
        {"outcome__exact": ["clear", "neither"]},
        {"outcome__exact": "\x00"},
        {"gap__gt": "1"},
    ],
)
def test_anything_else_is_left_to_a_count_of_the_results(params):
    assert read(**params) is None


def test_midnight_is_read_in_the_sites_time_zone(settings):
    assert midnight("2026-05-04") == date(2026, 5, 4)
    assert midnight("2026-05-04T00:00:00Z") == date(2026, 5, 4)
    assert midnight("2026-05-04 12:00") is None
    settings.TIME_ZONE = "America/Chicago"
    assert midnight("2026-05-04 00:00:00-05:00") == date(2026, 5, 4)
    assert midnight("2026-05-04 00:00:00+00:00") is None

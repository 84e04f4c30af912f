"""
Results analytics at scale: fill your own PostgreSQL database with a million
assessment results (COPY, in a few seconds) and time each admin view an editor uses
on them. Each must answer in under 300 ms.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/<yours> .venv/bin/python bench/results_admin.py

Options: --results N (default 1,000,000), --repeat N (timings per view, the median
is reported), --export (also time a full CSV export, streamed to the end).
Results already in the database are kept and topped up to N.
"""

import argparse
import io
import json
import os
import random
import secrets
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
# Production settings with the test suite's few tweaks: static files served from their
# source folders, so the admin renders without running collectstatic first.
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")

BUDGET_MS = 300
COPY_BATCH = 100_000

# Roughly how real answers spread over the outcomes.
OUTCOMES = [
    ("clear", "healthcare-management", "Healthcare management", 35),
    ("clear", "healthcare-administration", "Healthcare administration", 30),
    ("close_call", "healthcare-management", "Healthcare management", 10),
    ("close_call", "healthcare-administration", "Healthcare administration", 8),
    ("neither", "", "", 5),
    ("cant_tell", "", "", 12),
]


def setup_django():
    import django

    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        sys.exit("Set DATABASE_URL to your own PostgreSQL database (postgres://…/<name>).")
    django.setup()


def fill(*, target: int) -> None:
    """Top the results up to `target` rows with COPY, then refresh the planner's statistics."""
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    from assessment.models import Result
    from assessment.services import assessment_content, record_result
    from assessment.tallies import rebuild_tallies

    call_command("migrate", "--noinput", verbosity=0)
    call_command("load_content", verbosity=0)
    if not Result.objects.exists():
        content = assessment_content()
        record_result(content=content, answers={q.pk: 4 for q in content.questions})
    version_id, answer_count = Result.objects.values_list("version_id", "answers").first()
    answer_count = len(answer_count)
    missing = target - Result.objects.count()
    if missing <= 0:
        print(f"{target:,} results already stored.")
        return
    print(f"Storing {missing:,} results…", flush=True)
    rng = random.Random(14)
    weights = [weight for *_, weight in OUTCOMES]
    now = timezone.now()
    two_years = 2 * 365 * 24 * 3600
    started = time.monotonic()
    columns = (
        "token, created_at, version_id, answers, outcome, cant_tell_reason, "
        "recommended_role_slug, recommended_role_name, runner_up_role_slug, gap"
    )
    with connection.cursor() as cursor:
        raw = cursor.connection  # psycopg's own connection, for COPY
        for start in range(0, missing, COPY_BATCH):
            count = min(COPY_BATCH, missing - start)
            buffer = io.StringIO()
            for _ in range(count):
                outcome, slug, name, _ = rng.choices(OUTCOMES, weights)[0]
                answers = json.dumps([rng.randint(1, 5) for _ in range(answer_count)])
                created = now - timedelta(seconds=rng.randrange(two_years))
                runner_up = (
                    ""
                    if not slug
                    else (
                        "healthcare-administration"
                        if slug == "healthcare-management"
                        else "healthcare-management"
                    )
                )
                gap = f"{rng.uniform(0, 60):.2f}" if slug else "\\N"
                reason = "too_few_signals" if outcome == "cant_tell" else ""
                buffer.write(
                    f"{secrets.token_urlsafe(24)}\t{created.isoformat()}\t{version_id}\t"
                    f"{answers}\t{outcome}\t{reason}\t{slug}\t{name}\t{runner_up}\t{gap}\n"
                )
            with (
                raw.cursor() as copy_cursor,
                copy_cursor.copy(f"COPY assessment_result ({columns}) FROM STDIN") as copy,
            ):
                copy.write(buffer.getvalue())
            raw.commit()
            print(f"  {start + count:,} of {missing:,}", flush=True)
    # COPY goes around the site's own writes: count the days again, as after a restore.
    rebuild_tallies()
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE assessment_result")
        cursor.execute("VACUUM ANALYZE assessment_resulttally")
    print(f"Stored and tallied in {time.monotonic() - started:.1f} s.")


def timed(fn, *, repeat: int) -> float:
    """The median of `repeat` runs of fn() in milliseconds, after one warm-up run."""
    fn()
    runs = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        runs.append((time.perf_counter() - started) * 1000)
    return statistics.median(runs)


def measure(*, repeat: int, export: bool) -> bool:
    from django.conf import settings
    from django.contrib.auth.models import User
    from django.test import Client
    from django.utils import timezone

    from assessment.models import Result
    from assessment.tallies import counts_from_tallies, counts_of

    user, _ = User.objects.get_or_create(
        username="bench-admin", defaults={"is_staff": True, "is_superuser": True}
    )
    client = Client()
    client.force_login(user)
    results_url = f"/{settings.ADMIN_URL}assessment/result/"
    # Day boundaries written as the admin's date filter writes them in its links.
    today = timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)
    token = Result.objects.order_by("?").values_list("token", flat=True)[:1].get()

    def page(params=None):
        def get():
            response = client.get(results_url, params or {})
            assert response.status_code == 200, response.status_code

        return get

    views = {
        "results list": page(),
        "filter: outcome clear": page({"outcome__exact": "clear"}),
        "filter: outcome close call": page({"outcome__exact": "close_call"}),
        "filter: outcome neither": page({"outcome__exact": "neither"}),
        "filter: outcome can't tell": page({"outcome__exact": "cant_tell"}),
        "filter: recommended management": page({"recommended": "healthcare-management"}),
        "filter: recommended administration": page({"recommended": "healthcare-administration"}),
        "filter: no recommendation": page({"recommended": "none"}),
        "filter: created past 7 days": page(
            {
                "created_at__gte": str(today - timedelta(days=7)),
                "created_at__lt": str(today + timedelta(days=1)),
            }
        ),
        "filter: created this year": page(
            {
                "created_at__gte": str(today.replace(month=1, day=1)),
                "created_at__lt": str(today.replace(year=today.year + 1, month=1, day=1)),
            }
        ),
        "token search (exact)": page({"q": token}),
        # What the list shows above the results, unfiltered, on its own.
        "counts per recommendation": counts_from_tallies,
    }
    total = Result.objects.count()
    print(f"\nTimings with {total:,} results (median of {repeat}, budget {BUDGET_MS} ms):")
    ok = True
    for name, fn in views.items():
        ms = timed(fn, repeat=repeat)
        verdict = "ok" if ms < BUDGET_MS else "TOO SLOW"
        ok &= ms < BUDGET_MS
        print(f"  {name:<38} {ms:8.1f} ms  {verdict}")

    # The tallies must say what counting every result says.
    counted = counts_of(Result.objects.all())
    same = counts_from_tallies() == counted
    ok &= same
    print(
        f"  {'tallies equal a count of every result':<38} "
        f"{'yes' if same else 'NO'} ({sum(row['count'] for row in counted):,} results)"
    )

    if export:
        started = time.perf_counter()
        response = client.get(results_url + "export/")
        lines = sum(chunk.count(b"\n") for chunk in response.streaming_content)
        seconds = time.perf_counter() - started
        complete = lines - 1 == total
        ok &= complete
        print(
            f"  {'CSV export, every row':<38} {seconds:8.1f} s   "
            f"{lines - 1:,} rows{'' if complete else ' INCOMPLETE'}"
        )
    return ok


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[1])
    parser.add_argument("--results", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--export", action="store_true")
    args = parser.parse_args()
    setup_django()
    fill(target=args.results)
    sys.exit(0 if measure(repeat=args.repeat, export=args.export) else 1)


if __name__ == "__main__":
    main()

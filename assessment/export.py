"""Results as CSV for editors, streamed row by row so a large export stays small in memory."""

import csv
from collections.abc import Iterable, Iterator

from django.http import StreamingHttpResponse
from django.utils import timezone

from roles.models import Role

from .models import Result

# A spreadsheet treats a cell starting with one of these as a formula.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value):
    """Text a spreadsheet shows as text: a leading formula character is escaped with '."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


class _Echo:
    """A file-like object whose write() hands the line back, for csv.writer."""

    def write(self, value):
        return value


def result_rows(results: Iterable[Result], *, role_slugs: list[str]) -> Iterator[list]:
    yield [
        "result_path",
        "created_at",
        "outcome",
        "recommended_role",
        "gap",
        *(f"score_{slug}" for slug in role_slugs),
        "other_scores",
        "answers",
    ]
    for result in results:
        snapshot = result.snapshot
        scores = {role["slug"]: role["score"] for role in snapshot.get("roles", [])}
        other = "; ".join(
            f"{slug}={score}" for slug, score in scores.items() if slug not in role_slugs
        )
        answers = "; ".join(
            f"{question['id']}={question['answer']}" for question in snapshot.get("questions", [])
        )
        row = [
            result.get_absolute_url(),
            result.created_at.isoformat(),
            result.outcome,
            result.recommended_role_name,
            "" if result.gap is None else round(result.gap, 2),
            *("" if scores.get(slug) is None else round(scores[slug], 2) for slug in role_slugs),
            other,
            answers,
        ]
        yield [spreadsheet_safe(value) for value in row]


def results_csv_response(queryset) -> StreamingHttpResponse:
    role_slugs = list(Role.objects.order_by("display_order", "slug").values_list("slug", flat=True))
    writer = csv.writer(_Echo())
    rows = result_rows(
        queryset.order_by("created_at").iterator(chunk_size=500), role_slugs=role_slugs
    )
    filename = f"assessment-results-{timezone.localdate():%Y-%m-%d}.csv"
    return StreamingHttpResponse(
        (writer.writerow(row) for row in rows),
        content_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )

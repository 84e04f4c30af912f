"""
Results as CSV for editors, streamed row by row from a server-side cursor: only the
columns the file needs, so a million rows finish well within a worker's timeout.
"""

import csv
from collections.abc import Iterator

from django.http import StreamingHttpResponse
from django.urls import reverse
from django.utils import timezone

# A spreadsheet treats a cell starting with one of these as a formula.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
EXPORT_CHUNK_SIZE = 2000
# The file's columns: (header, the Result field each is written from).
COLUMNS = [
    ("result_path", "token"),
    ("created_at", "created_at"),
    ("outcome", "outcome"),
    ("recommended_role", "recommended_role_name"),
    ("runner_up_role", "runner_up_role_slug"),
    ("gap", "gap"),
    ("version", "version_id"),
    ("answers", "answers"),
]


def spreadsheet_safe(value):
    """Text a spreadsheet shows as text: a leading formula character is escaped with '."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


class _Echo:
    """A file-like object whose write() hands the line back, for csv.writer."""

    def write(self, value):
        return value


def csv_lines(queryset) -> Iterator[str]:
    """Every result of `queryset`, oldest first, as lines of CSV after a header."""
    # Every result's address shares this prefix: reversing once, not per row.
    path_prefix = reverse("assessment:result", kwargs={"token": "x" * 32}).removesuffix(
        "x" * 32 + "/"
    )
    rows = (
        queryset.order_by("created_at", "pk")
        .values_list(*(field for _, field in COLUMNS))
        .iterator(chunk_size=EXPORT_CHUNK_SIZE)
    )
    writer = csv.writer(_Echo())
    yield writer.writerow([header for header, _ in COLUMNS])
    for token, created_at, outcome, recommended, runner_up, gap, version, answers in rows:
        values = (
            f"{path_prefix}{token}/",
            created_at.isoformat(),
            outcome,
            recommended,
            runner_up,
            "" if gap is None else round(gap, 2),
            version,
            " ".join(str(answer) for answer in answers),
        )
        yield writer.writerow([spreadsheet_safe(value) for value in values])


def too_many_to_stream(queryset, *, limit: int) -> bool:
    """Whether more than `limit` results match: counted no further than limit + 1."""
    return queryset.order_by()[: limit + 1].count() > limit


def results_csv_response(queryset) -> StreamingHttpResponse:
    filename = f"assessment-results-{timezone.localdate():%Y-%m-%d}.csv"
    return StreamingHttpResponse(
        csv_lines(queryset),
        content_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )

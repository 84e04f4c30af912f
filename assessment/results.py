"""
Reading a stored result: what its page shows, drawn from the snapshot alone, and
the next steps, drawn from the live published content.
"""

from dataclasses import dataclass

from django.db.models import Prefetch

from roles.models import COMPARE_SEPARATOR, JobTitle, ProgramPathway, Role

from .scoring import SCALE_LABELS, CantTellReason, Verdict

# The chart has no viewBox, so its text keeps its real size on any screen: bars are
# laid out in percentages of its width and rows in pixels.
CHART_TRACK_PERCENT = 84
CHART_VALUE_PERCENT = 87
CHART_ROW_HEIGHT = 64
CHART_BAR_HEIGHT = 24


@dataclass(frozen=True)
class RoleScore:
    slug: str
    name: str
    score: float | None

    @property
    def points(self) -> int | None:
        """The score as the whole number the page shows."""
        return None if self.score is None else round_half_up(self.score)


@dataclass(frozen=True)
class Answer:
    statement: str
    answer: int

    @property
    def answer_label(self) -> str:
        return SCALE_LABELS.get(self.answer, "")


@dataclass(frozen=True)
class Bar:
    name: str
    points: int | None
    label_y: int
    bar_y: int
    width_percent: float
    value_y: int
    is_top: bool


@dataclass(frozen=True)
class BarChart:
    height: int
    bar_height: int
    track_percent: int
    value_percent: int
    bars: list[Bar]


@dataclass(frozen=True)
class ResultSummary:
    verdict: Verdict
    cant_tell_reason: CantTellReason | None
    recommended: RoleScore | None
    runner_up: RoleScore | None
    threshold: float
    roles: list[RoleScore]
    answers: list[Answer]
    weighed_most: list[Answer]
    chart: BarChart

    @property
    def is_clear(self) -> bool:
        return self.verdict == Verdict.CLEAR

    @property
    def is_close_call(self) -> bool:
        return self.verdict == Verdict.CLOSE_CALL

    @property
    def is_cant_tell(self) -> bool:
        return self.verdict == Verdict.CANT_TELL

    @property
    def gap_points(self) -> int | None:
        """The gap between the two shown scores, so the sentence and the chart agree."""
        if self.recommended is None or self.runner_up is None:
            return None
        return (self.recommended.points or 0) - (self.runner_up.points or 0)


def round_half_up(value: float) -> int:
    return int(value + 0.5) if value >= 0 else -int(-value + 0.5)


def bar_chart(*, roles: list[RoleScore], top: str | None) -> BarChart:
    """Where each role's bar goes in a horizontal bar chart of scores out of 100."""
    bars = []
    for index, role in enumerate(roles):
        row_y = index * CHART_ROW_HEIGHT
        bars.append(
            Bar(
                name=role.name,
                points=role.points,
                label_y=row_y + 18,
                bar_y=row_y + 26,
                width_percent=round(CHART_TRACK_PERCENT * (role.score or 0) / 100, 2),
                value_y=row_y + 26 + CHART_BAR_HEIGHT - 6,
                is_top=role.slug == top,
            )
        )
    return BarChart(
        height=max(len(roles), 1) * CHART_ROW_HEIGHT,
        bar_height=CHART_BAR_HEIGHT,
        track_percent=CHART_TRACK_PERCENT,
        value_percent=CHART_VALUE_PERCENT,
        bars=bars,
    )


def result_summary(snapshot: dict) -> ResultSummary:
    """What a result page shows, from its snapshot only."""
    roles = [RoleScore(role["slug"], role["name"], role["score"]) for role in snapshot["roles"]]
    by_slug = {role.slug: role for role in roles}
    answers = {
        question["id"]: Answer(question["statement"], question["answer"])
        for question in snapshot["questions"]
    }
    reason = snapshot.get("cant_tell_reason")
    return ResultSummary(
        verdict=Verdict(snapshot["verdict"]),
        cant_tell_reason=CantTellReason(reason) if reason else None,
        recommended=by_slug.get(snapshot.get("recommended")),
        runner_up=by_slug.get(snapshot.get("runner_up")),
        threshold=snapshot["threshold"],
        roles=roles,
        answers=list(answers.values()),
        weighed_most=[answers[qid] for qid in snapshot.get("weighed_most", []) if qid in answers],
        chart=bar_chart(roles=roles, top=snapshot.get("recommended")),
    )


@dataclass(frozen=True)
class NextSteps:
    # Live published roles to explore, each with .pathways (published programs) and .job_titles.
    roles: list[Role]
    compare_url: str


def compare_url(roles: list[Role]) -> str:
    """The canonical comparison address of two roles, or the compare picker."""
    if len(roles) != 2:
        return "/compare/"
    first, second = sorted(roles, key=lambda role: (role.display_order, role.slug))
    return f"/compare/{first.slug}{COMPARE_SEPARATOR}{second.slug}/"


def next_steps(*, summary: ResultSummary) -> NextSteps:
    """
    Degree programs and job titles for the path(s) the result points to, from the
    live published content; a role deleted or unpublished since simply drops out.
    """
    if summary.is_clear:
        explore = [summary.recommended.slug]
    elif summary.is_close_call:
        explore = [summary.recommended.slug, summary.runner_up.slug]
    else:
        explore = []
    if summary.recommended and summary.runner_up:
        compared = [summary.recommended, summary.runner_up]
    else:
        compared = summary.roles[:2]

    pathways = ProgramPathway.objects.filter(program__is_published=True).select_related("program")
    live = {
        role.slug: role
        for role in Role.objects.published()
        .filter(slug__in={role.slug for role in compared} | set(explore))
        .prefetch_related(
            Prefetch("pathways", queryset=pathways),
            Prefetch("job_titles", queryset=JobTitle.objects.all()),
        )
    }
    return NextSteps(
        roles=[live[slug] for slug in explore if slug in live],
        compare_url=compare_url([live[role.slug] for role in compared if role.slug in live]),
    )

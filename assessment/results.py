"""
Reading a stored result: what its page shows, drawn from the result and its
immutable assessment version alone, and the next steps, drawn from the live
published content.
"""

from dataclasses import dataclass

from django.db.models import Prefetch
from django.urls import reverse

from roles.comparison import comparison_url
from roles.models import JobTitle, ProgramPathway, Role

from .models import Result
from .scoring import (
    SCALE_LABELS,
    CantTellReason,
    Verdict,
    answers_that_weighed_most,
    role_score,
    scale_position,
)
from .services import version_answers, version_weights

# Links for people whose answers point away from every path here.
INTEREST_PROFILERS = [
    ("My Next Move interest profiler", "https://www.mynextmove.org/explore/ip"),
    (
        "CareerOneStop interest assessment",
        "https://www.careeronestop.org/ExploreCareers/Assessments/interests.aspx",
    ),
]


@dataclass(frozen=True)
class RoleScore:
    slug: str
    name: str
    score: float | None

    @property
    def agreement(self) -> str:
        """How strongly the answers agree with this path, in words."""
        if self.score is None:
            return "say nothing about"
        if self.score >= 75:
            return "agree strongly with"
        if self.score >= 60:
            return "mostly agree with"
        if self.score > 40:
            return "are mixed about"
        if self.score > 25:
            return "mostly disagree with"
        return "disagree strongly with"


@dataclass(frozen=True)
class Answer:
    statement: str
    answer: int

    @property
    def answer_label(self) -> str:
        return SCALE_LABELS.get(self.answer, "")


@dataclass(frozen=True)
class Scale:
    """Where the answers fall on one line from the `left` path to the `right` one."""

    left: RoleScore
    right: RoleScore
    position: float  # 0 at the left path, 100 at the right one

    # The line runs between these percentages of the drawing's width, so the marker
    # at either end is drawn whole. Unannotated, so class attributes, not fields.
    start_percent = 4
    end_percent = 96

    @property
    def marker_percent(self) -> float:
        span = self.end_percent - self.start_percent
        return round(self.start_percent + span * self.position / 100, 2)

    @property
    def text(self) -> str:
        """The scale in words, for everyone and for screen readers."""
        lean = abs(self.position - 50)
        if lean < 5:
            return (
                f"Your answers fall about halfway between {self.left.name} and {self.right.name}."
            )
        closer, other = (self.left, self.right) if self.position < 50 else (self.right, self.left)
        if lean < 15:
            amount = "a little closer to"
        elif lean < 30:
            amount = "closer to"
        else:
            amount = "much closer to"
        return f"Your answers fall {amount} {closer.name} than to {other.name}."


@dataclass(frozen=True)
class ResultSummary:
    verdict: Verdict
    cant_tell_reason: CantTellReason | None
    recommended: RoleScore | None
    runner_up: RoleScore | None
    roles: list[RoleScore]
    answers: list[Answer]
    weighed_most: list[Answer]
    compared: list[RoleScore]  # the top two paths when there are, else the first two roles
    scale: Scale | None  # between the compared paths

    interest_profilers = INTEREST_PROFILERS  # a class attribute, not a field


def scale_between(*, roles: list[RoleScore], pair: list[RoleScore]) -> Scale | None:
    """The scale between two paths, drawn in the roles' own order; None without two scores."""
    if len(pair) < 2 or any(role.score is None for role in pair):
        return None
    left, right = sorted(pair, key=roles.index)
    return Scale(
        left=left, right=right, position=scale_position(left=left.score, right=right.score)
    )


def result_summary(*, result: Result) -> ResultSummary:
    """What a result page shows, from the result and its version only."""
    content = result.version.content
    answers = version_answers(content=content, answers=result.answers)
    weights = version_weights(content)
    slugs = [role["slug"] for role in content["roles"]]
    roles = [
        RoleScore(
            role["slug"],
            role["name"],
            role_score(answers=answers, weights=weights, role=role["slug"]),
        )
        for role in content["roles"]
    ]
    by_slug = {role.slug: role for role in roles}
    statements = {
        question["id"]: Answer(question["statement"], answers[question["id"]])
        for question in content["questions"]
    }
    recommended = by_slug.get(result.recommended_role_slug)
    runner_up = by_slug.get(result.runner_up_role_slug)
    weighed_most = []
    if recommended is not None:
        weighed_most = answers_that_weighed_most(
            answers=answers, weights=weights, roles=slugs, toward=recommended.slug
        )
    compared = [recommended, runner_up] if recommended and runner_up else roles[:2]
    reason = result.cant_tell_reason
    return ResultSummary(
        verdict=Verdict(result.outcome),
        cant_tell_reason=CantTellReason(reason) if reason else None,
        recommended=recommended,
        runner_up=runner_up,
        roles=roles,
        answers=list(statements.values()),
        weighed_most=[statements[question] for question in weighed_most],
        compared=compared,
        scale=scale_between(roles=roles, pair=compared),
    )


@dataclass(frozen=True)
class NextSteps:
    # Live published roles to explore, each with .pathways (published programs) and .job_titles.
    roles: list[Role]
    compare_url: str


def next_steps(*, summary: ResultSummary) -> NextSteps:
    """
    Degree programs and job titles for the path(s) the result points to, from the
    live published content; a role deleted or unpublished since simply drops out.
    """
    if summary.verdict == Verdict.CLEAR:
        explore = [summary.recommended.slug]
    elif summary.verdict == Verdict.CLOSE_CALL:
        explore = [summary.recommended.slug, summary.runner_up.slug]
    else:
        explore = []

    pathways = ProgramPathway.objects.filter(program__is_published=True).select_related("program")
    live = {
        role.slug: role
        for role in Role.objects.published()
        .filter(slug__in={role.slug for role in summary.compared} | set(explore))
        .prefetch_related(
            Prefetch("pathways", queryset=pathways),
            Prefetch("job_titles", queryset=JobTitle.objects.all()),
        )
    }
    # comparison_url() puts the compared pair in order.
    published = [live[role.slug] for role in summary.compared if role.slug in live]
    return NextSteps(
        roles=[live[slug] for slug in explore if slug in live],
        # The compare picker unless both paths are still published.
        compare_url=(
            comparison_url(*published) if len(published) == 2 else reverse("roles:compare_picker")
        ),
    )

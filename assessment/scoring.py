"""
Scoring the self-assessment: pure functions over plain data, no database.

Each answer is a point on a five-point agreement scale (1 = strongly disagree,
5 = strongly agree), read as an agreement from -2 to +2. A question's weight for
a role says how strongly agreeing points toward that role (negative: away from
it). A role's raw score is the sum of agreement × weight; its score is where the
raw score falls between the least and the most it could possibly be, as 0 to 100.
So 0 means every answer pointed as far from the role as it could, 100 as far
toward it, and 50 that the answers balance out.

The outcome, checked in this order:
- can't tell: fewer than two roles, a role no statement weighs, the same answer
  everywhere, or too few answers that tell the roles apart (a neutral answer, or
  one to a statement that weighs every role alike, tells nothing);
- neither path seems to fit: every role scores under NEITHER_BELOW;
- a close call: the top two are fewer than `threshold` points apart (a tie always is);
- otherwise a clear recommendation.
"""

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

SCALE_LABELS = {
    1: "Strongly disagree",
    2: "Disagree",
    3: "Neither agree nor disagree",
    4: "Agree",
    5: "Strongly agree",
}
SCALE = tuple(SCALE_LABELS)
NEUTRAL = 3
# Every role under this score means the answers point away from all of them.
NEITHER_BELOW = 40
# An outcome needs at least this many telling answers, and at least this share of all.
MIN_TELLING_ANSWERS = 2
MIN_TELLING_SHARE = 0.25


class Verdict(StrEnum):
    CLEAR = "clear"
    CLOSE_CALL = "close_call"
    NEITHER = "neither"
    CANT_TELL = "cant_tell"


class CantTellReason(StrEnum):
    SAME_ANSWERS = "same_answers"
    NO_WEIGHTS = "no_weights"
    TOO_FEW_ROLES = "too_few_roles"
    TOO_FEW_SIGNALS = "too_few_signals"


@dataclass(frozen=True)
class Outcome:
    # Role slug -> score from 0 to 100, or None for a role no answered question weighs.
    scores: dict[str, float | None]
    verdict: Verdict
    # The top role, also for a close call (the way the answers lean); None when we can't
    # tell or neither path fits.
    recommended: str | None = None
    runner_up: str | None = None
    # Points between the top role and the runner-up; None when we can't tell.
    gap: float | None = None
    cant_tell_reason: CantTellReason | None = None


def agreement(answer: int) -> int:
    """The five-point answer as an agreement from -2 (strongly disagree) to +2."""
    if answer not in SCALE:
        raise ValueError(f"An answer must be one of {SCALE}, not {answer!r}.")
    return answer - NEUTRAL


def role_score(
    *, answers: Mapping[int, int], weights: Mapping[int, Mapping[str, int]], role: str
) -> float | None:
    """One role's score from 0 to 100, or None when no answered question weighs it."""
    raw = 0
    most = 0  # the highest raw score possible; the lowest is -most
    for question, answer in answers.items():
        weight = weights.get(question, {}).get(role, 0)
        raw += agreement(answer) * weight
        most += abs(weight) * 2
    if most == 0:
        return None
    return (raw + most) * 100 / (2 * most)


def separates_roles(*, weights: Mapping[str, int], roles: Sequence[str]) -> bool:
    """Whether a statement's weights tell at least two of `roles` apart."""
    return len({weights.get(role, 0) for role in roles}) > 1


def telling_answers(
    *, answers: Mapping[int, int], weights: Mapping[int, Mapping[str, int]], roles: Sequence[str]
) -> int:
    """How many answers move one role's score against another's."""
    return sum(
        1
        for question, answer in answers.items()
        if answer != NEUTRAL and separates_roles(weights=weights.get(question, {}), roles=roles)
    )


def enough_telling_answers(*, telling: int, answered: int) -> bool:
    needed = max(MIN_TELLING_ANSWERS, math.ceil(answered * MIN_TELLING_SHARE))
    return telling >= needed


def score_answers(
    *,
    answers: Mapping[int, int],
    weights: Mapping[int, Mapping[str, int]],
    roles: Sequence[str],
    threshold: float,
) -> Outcome:
    """
    Score every role and decide what the answers say.

    `answers` maps a question id to an answer from 1 to 5; `weights` maps a
    question id to {role slug: weight}; `roles` lists the slugs to score, in the
    order that breaks an exact tie. A gap under `threshold` points is a close call.
    """
    scores = {role: role_score(answers=answers, weights=weights, role=role) for role in roles}

    if len(roles) < 2:
        return Outcome(scores, Verdict.CANT_TELL, cant_tell_reason=CantTellReason.TOO_FEW_ROLES)
    if any(score is None for score in scores.values()):
        return Outcome(scores, Verdict.CANT_TELL, cant_tell_reason=CantTellReason.NO_WEIGHTS)
    if len(set(answers.values())) <= 1:
        # The same answer everywhere says nothing about preferences, whatever the weights say.
        return Outcome(scores, Verdict.CANT_TELL, cant_tell_reason=CantTellReason.SAME_ANSWERS)
    telling = telling_answers(answers=answers, weights=weights, roles=roles)
    if not enough_telling_answers(telling=telling, answered=len(answers)):
        return Outcome(scores, Verdict.CANT_TELL, cant_tell_reason=CantTellReason.TOO_FEW_SIGNALS)
    if all(score < NEITHER_BELOW for score in scores.values()):
        return Outcome(scores, Verdict.NEITHER)

    # sorted() is stable, so an exact tie keeps the order of `roles`.
    ranked = sorted(roles, key=lambda role: scores[role], reverse=True)
    top, runner_up = ranked[0], ranked[1]
    gap = scores[top] - scores[runner_up]
    # A tie is never a clear recommendation, even with a threshold of 0.
    verdict = Verdict.CLOSE_CALL if gap < threshold or gap == 0 else Verdict.CLEAR
    return Outcome(scores, verdict, recommended=top, runner_up=runner_up, gap=gap)


def scale_position(*, left: float, right: float) -> float:
    """
    Where two roles' scores put the answers on one scale from the left role (0) to the
    right one (100): halfway when they score the same.
    """
    return 50 + (right - left) / 2


def contributions(
    *,
    answers: Mapping[int, int],
    weights: Mapping[int, Mapping[str, int]],
    roles: Sequence[str],
    toward: str,
) -> dict[int, float]:
    """
    How many points each answer moved `toward`'s score ahead of the other roles.

    An answer adds agreement × weight × 50 / most to a role's score (most being
    the role's highest possible raw score); its contribution is what it added to
    `toward` minus the average of what it added to each other role.
    """
    most = {
        role: sum(abs(weights.get(question, {}).get(role, 0)) * 2 for question in answers)
        for role in roles
    }

    def points(question: int, role: str) -> float:
        if not most[role]:
            return 0.0
        return (
            agreement(answers[question]) * weights.get(question, {}).get(role, 0) * 50 / most[role]
        )

    others = [role for role in roles if role != toward]
    result = {}
    for question in answers:
        against = sum(points(question, role) for role in others) / len(others) if others else 0.0
        result[question] = points(question, toward) - against
    return result


def answers_that_weighed_most(
    *,
    answers: Mapping[int, int],
    weights: Mapping[int, Mapping[str, int]],
    roles: Sequence[str],
    toward: str,
    limit: int = 3,
) -> list[int]:
    """
    The question ids whose answers did most to put `toward` ahead, biggest first.

    Only answers that pushed toward it count; ties keep the order of `answers`.
    """
    moved = contributions(answers=answers, weights=weights, roles=roles, toward=toward)
    helping = [question for question in answers if moved[question] > 0]
    return sorted(helping, key=lambda question: moved[question], reverse=True)[:limit]

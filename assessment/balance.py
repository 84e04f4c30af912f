"""
Whether the statements are fair to every path: each path's highest possible score,
and the statements whose answers cannot tell any two paths apart.
"""

from collections.abc import Sequence
from dataclasses import dataclass

from roles.models import Role

from .models import Question
from .scoring import NEUTRAL, SCALE, separates_roles

# The most an answer can move a score: strongly agree or disagree, times the weight.
MOST_AGREEMENT = max(SCALE) - NEUTRAL


@dataclass(frozen=True)
class BalanceRow:
    question: Question
    weights: list[int]  # one per role, in the roles' order; 0 where none is set
    separates: bool


@dataclass(frozen=True)
class Balance:
    roles: list[Role]
    rows: list[BalanceRow]
    highest: list[int]  # each role's highest possible raw score, in the roles' order

    @property
    def is_balanced(self) -> bool:
        return len(set(self.highest)) <= 1


def statement_balance(*, questions: Sequence[Question], roles: Sequence[Role]) -> Balance:
    """The matrix of `questions` (each with `weight_list`) by `roles`, and its totals."""
    slugs = [role.slug for role in roles]
    rows = []
    for question in questions:
        by_slug = {weight.role.slug: weight.weight for weight in question.weight_list}
        rows.append(
            BalanceRow(
                question=question,
                weights=[by_slug.get(slug, 0) for slug in slugs],
                separates=separates_roles(weights=by_slug, roles=slugs),
            )
        )
    highest = [
        sum(abs(row.weights[column]) * MOST_AGREEMENT for row in rows)
        for column in range(len(slugs))
    ]
    return Balance(roles=list(roles), rows=rows, highest=highest)


def balance_warnings(balance: Balance) -> list[str]:
    """What an editor should hear after a save, in plain words."""
    warnings = []
    if not balance.is_balanced:
        columns = zip(balance.roles, balance.highest, strict=True)
        totals = ", ".join(f"{role.name} {most}" for role, most in columns)
        warnings.append(
            "The paths are not balanced: their highest possible scores differ "
            f"({totals}). Add or change weights so that each path can score the same."
        )
    for question in (row.question for row in balance.rows if not row.separates):
        warnings.append(
            f"“{question.statement}” weighs every path the same, so its answer cannot "
            "tell any two paths apart. Give it a different weight for at least one path."
        )
    return warnings

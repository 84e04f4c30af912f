"""Taking the assessment: the questions to ask, and storing one scored result."""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from django.db.models import Prefetch

from roles.models import Role

from .models import AssessmentSettings, Question, QuestionWeight, Result
from .scoring import answers_that_weighed_most, score_answers

SNAPSHOT_VERSION = 1


@dataclass(frozen=True)
class AssessmentContent:
    """What editors last saved: the active questions (with their weights) and the threshold."""

    # Each question's weights are a plain list in `weight_list`, each with its role.
    questions: tuple[Question, ...]
    close_call_threshold: int


def assessment_content() -> AssessmentContent:
    """The assessment's current content, read from the database: three queries."""
    weights = QuestionWeight.objects.select_related("role")
    questions = Question.objects.active().prefetch_related(
        Prefetch("weights", queryset=weights, to_attr="weight_list")
    )
    return AssessmentContent(
        questions=tuple(questions),
        close_call_threshold=AssessmentSettings.current().close_call_threshold,
    )


def scored_roles(*, questions: Sequence[Question]) -> list[Role]:
    """Published roles that at least one of `questions` weighs, in display order."""
    roles = {
        weight.role.pk: weight.role
        for question in questions
        for weight in question.weight_list
        if weight.weight and weight.role.is_published
    }
    return sorted(roles.values(), key=lambda role: (role.display_order, role.slug))


def question_weights(
    *, questions: Sequence[Question], roles: Sequence[Role]
) -> dict[int, dict[str, int]]:
    """{question id: {role slug: weight}} for `roles` only."""
    slugs = {role.slug for role in roles}
    return {
        question.pk: {
            weight.role.slug: weight.weight
            for weight in question.weight_list
            if weight.role.slug in slugs
        }
        for question in questions
    }


def build_snapshot(
    *, questions: Sequence[Question], answers: Mapping[int, int], threshold: float
) -> dict:
    """Everything a result page shows, scored and copied out of the live content."""
    roles = scored_roles(questions=questions)
    slugs = [role.slug for role in roles]
    weights = question_weights(questions=questions, roles=roles)
    outcome = score_answers(answers=answers, weights=weights, roles=slugs, threshold=threshold)
    weighed_most = []
    if outcome.recommended:
        weighed_most = answers_that_weighed_most(
            answers=answers, weights=weights, roles=slugs, toward=outcome.recommended
        )
    return {
        "version": SNAPSHOT_VERSION,
        "threshold": threshold,
        "verdict": outcome.verdict.value,
        "cant_tell_reason": outcome.cant_tell_reason and outcome.cant_tell_reason.value,
        "recommended": outcome.recommended,
        "runner_up": outcome.runner_up,
        "gap": outcome.gap,
        "roles": [
            {"slug": role.slug, "name": role.name, "score": outcome.scores[role.slug]}
            for role in roles
        ],
        "questions": [
            {
                "id": question.pk,
                "statement": question.statement,
                "answer": answers[question.pk],
                "weights": weights[question.pk],
            }
            for question in questions
        ],
        "weighed_most": weighed_most,
    }


def record_result(*, content: AssessmentContent, answers: Mapping[int, int]) -> Result:
    """Score `answers` to the questions of `content` and store exactly one Result."""
    questions = content.questions
    threshold = content.close_call_threshold
    snapshot = build_snapshot(questions=questions, answers=answers, threshold=threshold)
    names = {role["slug"]: role["name"] for role in snapshot["roles"]}
    # One INSERT, atomic on its own: a transaction around it would only add work.
    return Result.objects.create(
        outcome=snapshot["verdict"],
        recommended_role_slug=snapshot["recommended"] or "",
        recommended_role_name=names.get(snapshot["recommended"], ""),
        gap=snapshot["gap"],
        snapshot=snapshot,
    )

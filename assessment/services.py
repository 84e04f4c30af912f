"""Taking the assessment: the questions to ask, and storing one scored result."""

import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Prefetch

from roles.models import Role, Source
from roles.page_cache import kept_until_content_changes

from .models import AssessmentSettings, AssessmentVersion, Question, QuestionWeight, Result
from .scoring import score_answers
from .tallies import count_result


@dataclass(frozen=True)
class AssessmentContent:
    """What editors last saved: the active questions (with their weights) and the threshold."""

    # Each question's weights are a plain list in `weight_list`, each with its role.
    questions: tuple[Question, ...]
    # What a result taken now is scored from (see AssessmentVersion), and its hash.
    version_content: dict
    version_hash: str


def assessment_content() -> AssessmentContent:
    """The assessment's current content, read from the database: three queries."""
    weights = QuestionWeight.objects.select_related("role")
    questions = Question.objects.active().prefetch_related(
        Prefetch("weights", queryset=weights, to_attr="weight_list")
    )
    questions = tuple(questions)
    threshold = AssessmentSettings.current().close_call_threshold
    content = version_content(
        questions=questions, roles=scored_roles(questions=questions), threshold=threshold
    )
    return AssessmentContent(
        questions=questions,
        version_content=content,
        version_hash=content_hash(content),
    )


def current_assessment_content() -> AssessmentContent:
    """
    The assessment's current content for a visitor's request: read once per change to
    content, then from the shared cache (make bench: reading the questions and their
    weights was most of the form's and the POST's cost).
    """
    return kept_until_content_changes("assessment", assessment_content)


def statement_sources() -> list[Source]:
    """The sources behind the active statements, once each."""
    return list(
        Source.objects.filter(questions__is_active=True)
        .distinct()
        .order_by("display_order", "title")
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


def version_content(
    *, questions: Sequence[Question], roles: Sequence[Role], threshold: float
) -> dict:
    """What a result is scored from, as plain data (see AssessmentVersion), for `roles` only."""
    slugs = {role.slug for role in roles}
    return {
        "threshold": threshold,
        "roles": [{"slug": role.slug, "name": role.name} for role in roles],
        "questions": [
            {
                "id": question.pk,
                "statement": question.statement,
                "weights": {
                    weight.role.slug: weight.weight
                    for weight in question.weight_list
                    if weight.role.slug in slugs
                },
            }
            for question in questions
        ],
    }


def content_hash(content: dict) -> str:
    """The SHA-256 of a version's content in one canonical JSON form."""
    text = json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()


def assessment_version(content: AssessmentContent) -> AssessmentVersion:
    """The stored version of `content`, created the first time it is used."""
    # get_or_create() reads again after a unique-constraint clash, so two workers
    # creating the same version at once both end up with the one row.
    version, _ = AssessmentVersion.objects.get_or_create(
        content_hash=content.version_hash, defaults={"content": content.version_content}
    )
    return version


def version_weights(content: dict) -> dict[int, dict[str, int]]:
    return {question["id"]: question["weights"] for question in content["questions"]}


def version_answers(*, content: dict, answers: Sequence[int]) -> dict[int, int]:
    """A result's stored answers as {question id: answer}, in the version's order."""
    return {
        question["id"]: answer
        for question, answer in zip(content["questions"], answers, strict=True)
    }


def record_result(*, content: AssessmentContent, answers: Mapping[int, int]) -> Result:
    """Score `answers` to the questions of `content` and store exactly one Result."""
    # Looked up once per version and change to content (make bench: the lookup was a tenth of
    # a submission). The key names the version's hash, so it never answers for other content;
    # deleting unused versions (retention) resets the generation.
    version = kept_until_content_changes(
        f"assessment-version:{content.version_hash}",
        lambda: assessment_version(content),
    )
    # Scored from the version, exactly as its result page will read it.
    outcome = score_answers(
        answers=answers,
        weights=version_weights(version.content),
        roles=[role["slug"] for role in version.content["roles"]],
        threshold=version.content["threshold"],
    )
    names = {role["slug"]: role["name"] for role in version.content["roles"]}
    # The result and its tally are written together, or neither is.
    with transaction.atomic():
        result = Result.objects.create(
            version=version,
            answers=[answers[question.pk] for question in content.questions],
            outcome=outcome.verdict.value,
            cant_tell_reason=outcome.cant_tell_reason or "",
            recommended_role_slug=outcome.recommended or "",
            recommended_role_name=names.get(outcome.recommended, ""),
            runner_up_role_slug=outcome.runner_up or "",
            gap=outcome.gap,
        )
        count_result(result)
    return result

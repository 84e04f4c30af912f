"""
The self-assessment: statements that editors weigh toward roles, the close-call
threshold, and one stored result per submission.

A Result keeps its answers and outcome and points to an AssessmentVersion: an
immutable copy of the statements, weights, role names and threshold it was scored
from, stored once for every result taken while they stay the same. Editing or
deleting questions later leaves every old result page exactly as it was, and a
result row stays the same size however many roles or statements there are.
"""

import secrets

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone

from roles.models import ContentQuerySet

from .scoring import Verdict

WEIGHT_LIMIT = 10
# 24 random bytes: 192 bits, written as 32 URL-safe characters.
TOKEN_BYTES = 24
TOKEN_LENGTH = 32


def new_result_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


class QuestionQuerySet(ContentQuerySet):
    def active(self):
        return self.filter(is_active=True)


class Question(models.Model):
    """A statement the visitor agrees or disagrees with."""

    statement = models.CharField(
        max_length=300,
        help_text="A first-person statement in plain language, e.g. “I enjoy planning budgets.”",
    )
    hint = models.CharField(
        max_length=300, blank=True, help_text="Optional line shown under the statement."
    )
    display_order = models.PositiveIntegerField(default=0)
    is_active = models.BooleanField(
        "active", default=True, help_text="Only active statements appear in the assessment."
    )
    sources = models.ManyToManyField(
        "roles.Source",
        blank=True,
        related_name="questions",
        help_text="Where the idea behind the statement comes from.",
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = QuestionQuerySet.as_manager()

    class Meta:
        ordering = ["display_order", "pk"]

    def __str__(self):
        return self.statement


class QuestionWeight(models.Model):
    """How strongly agreeing with a statement points toward (or away from) a role."""

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="weights")
    role = models.ForeignKey(
        "roles.Role", on_delete=models.CASCADE, related_name="question_weights"
    )
    weight = models.SmallIntegerField(
        validators=[MinValueValidator(-WEIGHT_LIMIT), MaxValueValidator(WEIGHT_LIMIT)],
        help_text=f"From -{WEIGHT_LIMIT} to {WEIGHT_LIMIT}. Positive: agreeing points toward this "
        "role; negative: away from it; 0: the answer says nothing about it.",
    )

    objects = ContentQuerySet.as_manager()

    class Meta:
        ordering = ["question", "role__display_order", "role__slug"]
        constraints = [
            models.UniqueConstraint(fields=["question", "role"], name="question_weight_unique"),
            models.CheckConstraint(
                condition=models.Q(weight__gte=-WEIGHT_LIMIT, weight__lte=WEIGHT_LIMIT),
                name="question_weight_in_range",
            ),
        ]

    def __str__(self):
        # Names the row, not its value: the admin prints this above a form whose weight may be
        # one it has just rejected.
        return f"Weight toward {self.role.name if self.role_id else 'a role'}"


class AssessmentSettings(models.Model):
    """The assessment's settings: one row only, its primary key always 1."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1, editable=False)
    close_call_threshold = models.PositiveSmallIntegerField(
        default=10,
        validators=[MaxValueValidator(100)],
        help_text="When the top two scores (out of 100) are fewer than this many points apart, "
        "the result says it is a close call instead of recommending one path.",
    )

    objects = ContentQuerySet.as_manager()

    class Meta:
        verbose_name = "assessment settings"
        verbose_name_plural = "assessment settings"
        constraints = [
            models.CheckConstraint(condition=models.Q(id=1), name="assessment_settings_single_row"),
            models.CheckConstraint(
                condition=models.Q(close_call_threshold__lte=100),
                name="assessment_settings_threshold_at_most_100",
            ),
        ]

    def __str__(self):
        return "Assessment settings"

    @classmethod
    def current(cls) -> "AssessmentSettings":
        """The saved settings, or the defaults when an editor never saved any."""
        return cls.objects.filter(pk=1).first() or cls()


# What the admin's counts per recommendation group results by.
COUNTED_COLUMNS = ["outcome", "recommended_role_name"]


class AssessmentVersion(models.Model):
    """
    The statements, weights, roles and threshold as they were, written once and never
    changed: `content` is {"threshold", "roles": [{"slug", "name"}], "questions":
    [{"id", "statement", "weights": {slug: weight}}]} and `content_hash` its SHA-256.
    """

    content_hash = models.CharField(max_length=64, unique=True, editable=False)
    content = models.JSONField(editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "assessment version"

    def __str__(self):
        return f"Version {self.content_hash[:8]} ({self.created_at:%Y-%m-%d %H:%M})"


class Result(models.Model):
    """One submission's outcome, kept as it was when it was taken. No personal data."""

    class Outcome(models.TextChoices):
        CLEAR = Verdict.CLEAR.value, "Clear recommendation"
        CLOSE_CALL = Verdict.CLOSE_CALL.value, "Close call"
        NEITHER = Verdict.NEITHER.value, "Neither path fits"
        CANT_TELL = Verdict.CANT_TELL.value, "Can’t tell"

    token = models.CharField(max_length=64, default=new_result_token, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    version = models.ForeignKey(
        AssessmentVersion, on_delete=models.PROTECT, related_name="results", editable=False
    )
    # One answer from 1 to 5 per statement of the version, in its order.
    answers = models.JSONField(editable=False)
    outcome = models.CharField(max_length=20, choices=Outcome.choices)
    cant_tell_reason = models.CharField(max_length=20, blank=True, editable=False)
    # Copied out of the scoring so the admin can filter and count by them.
    recommended_role_slug = models.CharField(
        "recommended role (slug)",
        max_length=80,
        blank=True,
        help_text="The top role, also for a close call; blank otherwise.",
    )
    recommended_role_name = models.CharField("recommendation", max_length=120, blank=True)
    runner_up_role_slug = models.CharField(max_length=80, blank=True, editable=False)
    gap = models.FloatField(null=True, blank=True, help_text="Points between the top two roles.")

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "assessment result"
        constraints = [
            # A constraint rather than unique=True: on PostgreSQL that would add a second
            # (LIKE) index on the token, which exact lookups never use.
            models.UniqueConstraint(fields=["token"], name="assessment_result_token_unique"),
        ]
        # The admin lists newest first with the id as a tie-break, so every index that
        # serves the list ends in both. On PostgreSQL each also carries the two columns
        # the counts per recommendation group by: the daily tallies (ResultTally) answer
        # the list's own filters, and any other filter is counted from the index alone.
        indexes = [
            models.Index(
                fields=["-created_at", "-id"],
                include=COUNTED_COLUMNS,
                name="assessment_result_newest",
            ),
            models.Index(
                fields=["outcome", "-created_at", "-id"],
                include=COUNTED_COLUMNS,
                name="assessment_result_outcome",
            ),
            models.Index(
                fields=["recommended_role_slug", "-created_at", "-id"],
                include=COUNTED_COLUMNS,
                name="assessment_result_role",
            ),
        ]

    def __str__(self):
        return f"Result {self.token[:8]}… ({self.created_at:%Y-%m-%d %H:%M})"

    def get_absolute_url(self):
        return reverse("assessment:result", kwargs={"token": self.token})


class ResultTally(models.Model):
    """
    How many results one day holds with one outcome and recommendation: the admin adds
    these up instead of counting a million results. Kept in step by assessment.tallies
    whenever results are stored or deleted; the day is in settings.TIME_ZONE.
    """

    day = models.DateField()
    outcome = models.CharField(max_length=20, choices=Result.Outcome.choices)
    recommended_role_slug = models.CharField(max_length=80, blank=True)
    recommended_role_name = models.CharField(max_length=120, blank=True)
    results = models.PositiveIntegerField()

    class Meta:
        verbose_name = "result tally"
        constraints = [
            models.UniqueConstraint(
                fields=["day", "outcome", "recommended_role_slug", "recommended_role_name"],
                name="assessment_result_tally_unique",
            ),
        ]

    def __str__(self):
        return f"{self.day}: {self.results} × {self.outcome} {self.recommended_role_slug}"

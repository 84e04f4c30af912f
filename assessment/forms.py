from collections.abc import Sequence
from dataclasses import dataclass

from django import forms
from django.core.exceptions import ValidationError

from .models import Question
from .scoring import SCALE_LABELS

ANSWER_CHOICES = [(str(value), label) for value, label in SCALE_LABELS.items()]


def field_name(question: Question) -> str:
    """The form field for a question; also the id of its fieldset, which error links target."""
    return f"question-{question.pk}"


@dataclass(frozen=True)
class SummaryError:
    message: str
    href: str  # "#<fieldset id>", or "" for an error about the form as a whole


@dataclass(frozen=True)
class AnswerChoice:
    """One radio of a question: its value, its label, and whether the visitor chose it."""

    value: str
    label: str
    id: str
    checked: bool


@dataclass(frozen=True)
class QuestionField:
    """What the template needs to draw one question as a fieldset of five labelled radios."""

    name: str  # the radios' name and the fieldset's id
    statement: str
    hint: str
    hint_id: str
    error: str  # "" while the question has no error
    error_id: str
    described_by: str  # the fieldset's aria-describedby: its hint and error, when shown
    choices: list[AnswerChoice]


class AssessmentForm(forms.Form):
    """One five-point radio group per active question; every question must be answered."""

    # Browsers' own "required" bubbles would pre-empt the error summary, which
    # lists every unanswered statement at once and works with assistive technology.
    use_required_attribute = False

    def __init__(self, *args, questions: Sequence[Question], **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = list(questions)
        # Every question asks for the same thing, a point on the scale, so one field checks
        # every answer: building a field per question was a fifth of a submission's cost.
        # The template draws each question from `question_fields()`, not from the field.
        answer = forms.TypedChoiceField(
            choices=ANSWER_CHOICES,
            coerce=int,
            widget=forms.RadioSelect,
            error_messages={
                "required": "Choose how much you agree with this statement.",
                "invalid_choice": "Choose one of the five answers.",
            },
        )
        for question in self.questions:
            self.fields[field_name(question)] = answer

    def clean(self):
        if not self.questions:
            raise ValidationError("There are no statements to answer right now.", code="empty")
        return super().clean()

    def answers(self) -> dict[int, int]:
        """{question id: answer from 1 to 5}; only for a valid form."""
        return {question.pk: self.cleaned_data[field_name(question)] for question in self.questions}

    def question_fields(self) -> list[QuestionField]:
        """
        Every question as the template draws it. The template writes the radios out
        itself: rendering them through the RadioSelect widget (a template per radio)
        and crispy-forms was nine tenths of the form page's cost. Names, ids and
        attributes are the ones the widget would give them.
        """
        fields = []
        for question in self.questions:
            name = field_name(question)
            field_id = self.auto_id % name
            errors = self.errors.get(name, []) if self.is_bound else []
            # The visitor's answer as sent, so that an invalid form keeps every answer given.
            chosen = self.data.get(name) if self.is_bound else None
            hint_id = f"{field_id}_helptext"
            error_id = f"{field_id}_error"
            described_by = [hint_id] if question.hint else []
            if errors:
                described_by.append(error_id)
            fields.append(
                QuestionField(
                    name=name,
                    statement=question.statement,
                    hint=question.hint,
                    hint_id=hint_id,
                    error=" ".join(errors),
                    error_id=error_id,
                    described_by=" ".join(described_by),
                    choices=[
                        AnswerChoice(
                            value=value,
                            label=label,
                            id=f"{field_id}_{index}",
                            checked=chosen == value,
                        )
                        for index, (value, label) in enumerate(ANSWER_CHOICES)
                    ],
                )
            )
        return fields

    def error_summary(self) -> list[SummaryError]:
        """
        Every problem, in question order, each linking to its question's fieldset and
        numbered as the form numbers its legends.
        """
        summary = [SummaryError(str(error), "") for error in self.non_field_errors()]
        for number, question in enumerate(self.questions, start=1):
            name = field_name(question)
            if name in self.errors:
                summary.append(SummaryError(f"{number}. {question.statement}", f"#{name}"))
        return summary

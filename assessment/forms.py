from collections.abc import Sequence
from dataclasses import dataclass

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Field, Layout
from django import forms
from django.core.exceptions import ValidationError
from django.utils.functional import cached_property

from .models import Question
from .scoring import SCALE_LABELS

QUESTION_TEMPLATE = "assessment/includes/_question.html"

ANSWER_CHOICES = list(SCALE_LABELS.items())
ANSWER_ERRORS = {
    "required": "Choose how much you agree with this statement.",
    "invalid_choice": "Choose one of the five answers.",
}


def field_name(question: Question) -> str:
    """The form field for a question; also the id of its fieldset, which error links target."""
    return f"question-{question.pk}"


class AnswerRadios(forms.RadioSelect):
    # A class, not an instance, in each field: a field deep-copies a widget instance it is
    # given, a sixth of building the form (make bench: the submission's CPU time).
    def __init__(self, attrs=None, choices=()):
        super().__init__({"class": "form-check-input", **(attrs or {})}, choices)


@dataclass(frozen=True)
class SummaryError:
    message: str
    href: str  # "#<fieldset id>", or "" for an error about the form as a whole


class AssessmentForm(forms.Form):
    """One five-point radio group per active question; every question must be answered."""

    # Browsers' own "required" bubbles would pre-empt the error summary, which
    # lists every unanswered statement at once and works with assistive technology.
    use_required_attribute = False

    def __init__(self, *args, questions: Sequence[Question], **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = list(questions)
        for question in self.questions:
            # A point on the five-point scale, labelled with the statement and its hint.
            self.fields[field_name(question)] = forms.TypedChoiceField(
                label=question.statement,
                help_text=question.hint,
                choices=ANSWER_CHOICES,
                coerce=int,
                widget=AnswerRadios,
                error_messages=ANSWER_ERRORS,
            )

    @cached_property
    def helper(self) -> FormHelper:
        """How crispy-forms draws the questions: each as a fieldset (QUESTION_TEMPLATE)."""
        helper = FormHelper()
        helper.form_tag = False
        helper.disable_csrf = True
        helper.layout = Layout(*(Field(name, template=QUESTION_TEMPLATE) for name in self.fields))
        return helper

    def clean(self):
        if not self.questions:
            raise ValidationError("There are no statements to answer right now.", code="empty")
        return super().clean()

    def answers(self) -> dict[int, int]:
        """{question id: answer from 1 to 5}; only for a valid form."""
        return {question.pk: self.cleaned_data[field_name(question)] for question in self.questions}

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

"""
The assessment form's radios are written out by hand in the template: each question is
still a fieldset named by its legend, each radio has its label, and an unanswered question
says so to assistive technology when the form comes back with errors.
"""

from dataclasses import dataclass, field
from html.parser import HTMLParser

import pytest

from assessment.scoring import SCALE_LABELS

pytestmark = pytest.mark.django_db

FORM_URL = "/assessment/"


@dataclass
class Fieldset:
    attrs: dict
    legend: str = ""
    inputs: list[dict] = field(default_factory=list)
    labels: dict[str, str] = field(default_factory=dict)  # for -> text
    paragraphs: dict[str, str] = field(default_factory=dict)  # id -> text


class FormFieldsets(HTMLParser):
    """Every fieldset of the page with its legend, inputs, labels and paragraphs."""

    def __init__(self):
        super().__init__()
        self.fieldsets: list[Fieldset] = []
        self.current: Fieldset | None = None
        self.text_target: tuple[dict, str] | None = None
        self.inputs_outside: list[dict] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "fieldset":
            self.current = Fieldset(attributes)
            self.fieldsets.append(self.current)
        elif tag == "input" and attributes.get("type") == "radio":
            (self.current.inputs if self.current else self.inputs_outside).append(attributes)
        elif self.current and tag == "legend":
            self.text_target = ("legend", "")
        elif self.current and tag == "label":
            self.text_target = ("label", attributes.get("for"))
        elif self.current and tag == "p" and attributes.get("id"):
            self.text_target = ("p", attributes["id"])

    def handle_data(self, data):
        if not (self.current and self.text_target):
            return
        kind, key = self.text_target
        if kind == "legend":
            self.current.legend += data
        elif kind == "label":
            self.current.labels[key] = self.current.labels.get(key, "") + data
        else:
            self.current.paragraphs[key] = self.current.paragraphs.get(key, "") + data

    def handle_endtag(self, tag):
        if tag in {"legend", "label", "p"}:
            self.text_target = None
        elif tag == "fieldset":
            self.current = None


def fieldsets(html: str) -> dict[str, Fieldset]:
    parser = FormFieldsets()
    parser.feed(html)
    assert not parser.inputs_outside, "every radio belongs to a question's fieldset"
    return {fieldset.attrs["id"]: fieldset for fieldset in parser.fieldsets}


def test_each_question_is_a_fieldset_named_by_its_legend(client, assessment_questions):
    found = fieldsets(client.get(FORM_URL).content.decode())

    assert list(found) == [f"question-{question.pk}" for question in assessment_questions.values()]
    for question in assessment_questions.values():
        assert found[f"question-{question.pk}"].legend == question.statement


def test_each_radio_is_labelled_and_named_for_its_question(client, assessment_questions):
    found = fieldsets(client.get(FORM_URL).content.decode())

    for name, fieldset in found.items():
        assert [radio["name"] for radio in fieldset.inputs] == [name] * 5
        assert [radio["value"] for radio in fieldset.inputs] == ["1", "2", "3", "4", "5"]
        assert [fieldset.labels[radio["id"]] for radio in fieldset.inputs] == list(
            SCALE_LABELS.values()
        )
        ids = [radio["id"] for radio in fieldset.inputs]
        assert len(set(ids)) == 5
        assert ids[0] == f"id_{name}_0"


def test_a_blank_form_marks_nothing_as_chosen_invalid_or_required(client, assessment_questions):
    found = fieldsets(client.get(FORM_URL).content.decode())

    for fieldset in found.values():
        # Only a hint describes a question before anything is sent.
        described_by = fieldset.attrs.get("aria-describedby", "")
        assert described_by in ("", f"id_{fieldset.attrs['id']}_helptext")
        assert fieldset.attrs["class"] == "question"
        for radio in fieldset.inputs:
            assert radio.keys() == {"type", "name", "value", "class", "id"}


def test_a_hint_describes_its_question(client, assessment_questions):
    question = assessment_questions["budgets"]
    question.hint = "Think of a yearly budget."
    question.save()

    fieldset = fieldsets(client.get(FORM_URL).content.decode())[f"question-{question.pk}"]

    hint_id = f"id_question-{question.pk}_helptext"
    assert fieldset.attrs["aria-describedby"] == hint_id
    assert fieldset.paragraphs[hint_id] == "Think of a yearly budget."


def test_an_unanswered_question_comes_back_marked_invalid_and_described_by_its_error(
    client, assessment_questions, assessment_answers
):
    unanswered = assessment_questions["budgets"]
    unanswered.hint = "Think of a yearly budget."
    unanswered.save()
    data = assessment_answers(staff_schedules=5)
    del data[f"question-{unanswered.pk}"]

    response = client.post(FORM_URL, data)

    assert response.status_code == 422
    found = fieldsets(response.content.decode())
    name = f"question-{unanswered.pk}"
    invalid = found.pop(name)
    hint_id, error_id = f"id_{name}_helptext", f"id_{name}_error"
    assert invalid.attrs["class"] == "question question-invalid"
    assert invalid.attrs["aria-describedby"] == f"{hint_id} {error_id}"
    assert invalid.paragraphs[error_id] == "Error: Choose how much you agree with this statement."
    assert all(radio["aria-invalid"] == "true" for radio in invalid.inputs)
    assert not any("checked" in radio for radio in invalid.inputs)
    for fieldset in found.values():
        assert fieldset.attrs["class"] == "question"
        assert not any("aria-invalid" in radio for radio in fieldset.inputs)
        assert [radio["value"] for radio in fieldset.inputs if "checked" in radio] == [
            "5"
            if fieldset.attrs["id"] == f"question-{assessment_questions['staff-schedules'].pk}"
            else "3"
        ]


def test_an_answer_off_the_scale_comes_back_unchosen_with_its_own_error(
    client, assessment_questions, assessment_answers
):
    question = assessment_questions["budgets"]
    data = assessment_answers()
    data[f"question-{question.pk}"] = "9"

    response = client.post(FORM_URL, data)

    assert response.status_code == 422
    fieldset = fieldsets(response.content.decode())[f"question-{question.pk}"]
    assert fieldset.paragraphs[f"id_question-{question.pk}_error"] == (
        "Error: Choose one of the five answers."
    )
    assert not any("checked" in radio for radio in fieldset.inputs)


def test_the_blank_form_and_the_form_with_errors_draw_questions_alike(
    client, assessment_questions, assessment_answers
):
    # The blank form's questions are kept rendered; the form with errors draws them afresh.
    blank = fieldsets(client.get(FORM_URL).content.decode())
    data = assessment_answers()
    first = next(iter(data))
    del data[first]
    returned = fieldsets(client.post(FORM_URL, data).content.decode())

    assert list(blank) == list(returned)
    for name in blank:
        assert blank[name].legend == returned[name].legend
        assert blank[name].labels == returned[name].labels
        assert [radio["id"] for radio in blank[name].inputs] == [
            radio["id"] for radio in returned[name].inputs
        ]

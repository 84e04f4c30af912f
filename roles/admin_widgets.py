"""Form widgets that make long texts readable in the admin."""

import math

from django import forms


def textarea_rows(*, text: str, chars_per_line: int, minimum: int = 2, maximum: int = 30) -> int:
    """How many rows show `text` whole, wrapped at `chars_per_line`, plus one to type into."""
    lines = (text or "").splitlines() or [""]
    wrapped = sum(max(1, math.ceil(len(line) / chars_per_line)) for line in lines)
    return max(minimum, min(maximum, wrapped + 1))


class ContentSizedTextarea(forms.Textarea):
    """
    A textarea as tall as its text. Browsers that know CSS `field-sizing` (static/css/admin.css)
    also grow it as the editor types; the others get the rows counted here.
    """

    def __init__(self, *, chars_per_line: int = 80, attrs: dict | None = None):
        self.chars_per_line = chars_per_line
        super().__init__(attrs={"class": "vLargeTextField content-sized", **(attrs or {})})

    def value_from_datadict(self, data, files, name):
        value = super().value_from_datadict(data, files, name)
        # Browsers send a textarea's line breaks as CR LF: kept as typed, every save of an
        # untouched text would count as a change in its history.
        return value.replace("\r\n", "\n") if isinstance(value, str) else value

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["attrs"]["rows"] = textarea_rows(
            text=context["widget"]["value"], chars_per_line=self.chars_per_line
        )
        return context


# The long texts of the main form, and the one- or two-sentence texts of inline rows.
LONG_TEXT = {"widget": ContentSizedTextarea()}
INLINE_TEXT = {"widget": ContentSizedTextarea(chars_per_line=40, attrs={"class": "content-sized"})}

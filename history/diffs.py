"""How one version of a piece of content differs from the one before, for people to read."""

import difflib
import re
from typing import Any

from django.db import models
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from simple_history.template_utils import HistoricalRecordContextHelper

# Words and the spaces between them, so that a changed text reads back exactly.
TOKENS = re.compile(r"\s+|[^\s]+")


def word_diff(*, old: str, new: str) -> SafeString:
    """`new` as HTML, with the words it removed from `old` in <del> and those it added in <ins>."""
    old_words, new_words = TOKENS.findall(old), TOKENS.findall(new)
    matcher = difflib.SequenceMatcher(a=old_words, b=new_words, autojunk=False)
    # [same, removed, added] runs; a change that only a space separates from the next one is
    # merged with it, so "The business side" → "A summary that" reads as one change, not three.
    runs: list[list[str]] = []
    for operation, old_start, old_end, new_start, new_end in matcher.get_opcodes():
        removed = "".join(old_words[old_start:old_end])
        added = "".join(new_words[new_start:new_end])
        if operation == "equal":
            runs.append([removed, "", ""])
        elif runs and not runs[-1][0].strip() and len(runs) > 1 and runs[-2][0] == "":
            space = runs.pop()[0]
            runs[-1][1] += space + removed
            runs[-1][2] += space + added
        elif runs and runs[-1][0] == "":
            runs[-1][1] += removed
            runs[-1][2] += added
        else:
            runs.append(["", removed, added])
    parts = []
    for same, removed, added in runs:
        if same:
            parts.append(("span", same))
        if removed:
            parts.append(("del", removed))
        if added:
            parts.append(("ins", added))
    return format_html_join("", "<{0}>{1}</{0}>", parts)


def readable_value(*, field: models.Field, value: Any) -> str:
    """A field's stored value as the admin shows it: choice labels, "yes"/"no", "(blank)"."""
    if value is None or value == "":
        return "(blank)"
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


class ReadableChanges(HistoricalRecordContextHelper):
    """Shows each changed field in full: long texts word by word, choices by their labels."""

    def stringify_delta_change_values(self, change, old, new):
        field = self.model._meta.get_field(change.field)
        old_text = readable_value(field=field, value=old)
        new_text = readable_value(field=field, value=new)
        if isinstance(field, models.TextField | models.CharField) and not field.choices:
            # The word difference holds the old text too: no need to print it twice.
            return "", word_diff(old=old_text, new=new_text)
        return format_html("{}", old_text), format_html("{}", new_text)

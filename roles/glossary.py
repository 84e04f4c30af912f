"""
Links a glossary term's first use on a page to its definition on /glossary/.

The view makes one GlossaryLinker per page; every piece of text passed through it links only
the terms that have not been linked on that page yet.
"""

import re
from collections.abc import Iterable

from django.urls import reverse
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

from .models import GlossaryTerm


def link_first_uses(*, text: str, terms: Iterable[GlossaryTerm], seen: set[str]) -> SafeString:
    """
    The text, escaped, with the first use of each term not in `seen` linked; adds the terms
    it links to `seen`. Whole words only, any case; the longest form wins ("health
    informatics" before "informatics").
    """
    forms = sorted(
        ((form, term) for term in terms if term.slug not in seen for form in term.forms),
        key=lambda pair: -len(pair[0]),
    )
    if not text or not forms:
        return escape(text)
    by_form = {form.casefold(): term for form, term in forms}
    pattern = re.compile(
        r"\b(" + "|".join(re.escape(escape(form)) for form, _ in forms) + r")\b", re.IGNORECASE
    )
    page = reverse("roles:glossary")

    def link(match):
        term = by_form.get(match.group(0).casefold())
        if term is None or term.slug in seen:
            return match.group(0)
        seen.add(term.slug)
        return format_html(
            '<a class="term" href="{}#{}">{}</a>', page, term.slug, mark_safe(match.group(0))
        )

    return mark_safe(pattern.sub(link, escape(text)))


class GlossaryLinker:
    """The glossary for one page: remembers which terms it has linked already."""

    def __init__(self, terms: Iterable[GlossaryTerm]):
        self.terms = list(terms)
        self.seen: set[str] = set()

    def link(self, text: str) -> SafeString:
        return link_first_uses(text=text, terms=self.terms, seen=self.seen)

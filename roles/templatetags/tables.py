from django import template
from django.utils.html import format_html

from .citations import citations

register = template.Library()


@register.filter
def paired_with(first, second):
    """
    Each item of `first` with the item of `second` in the same place, for a loop that needs
    both: `{% for role, entries in comparison.roles|paired_with:row.columns %}`.
    """
    return list(zip(first, second, strict=True))


@register.simple_tag
def comparison_entry(entry, *, anchored=False):
    """
    One item in a comparison cell: its text (a link where it has a page of its own), its
    mark, its detail and its citations; `anchored` gives it the entry's id. A tag rather
    than a partial: the comparison shows some three hundred entries, and a partial for
    each was half of the page's rendering time with its cache cold (make bench).
    """
    text = format_html('<a href="{}">{}</a>', entry.url, entry.text) if entry.url else entry.text
    return format_html(
        '<span class="entry-text{}"{}>{}</span>{}{}',
        " text-body-secondary" if entry.gap else "",
        format_html(' id="{}"', entry.anchor) if anchored and entry.anchor else "",
        text,
        format_html(' <span class="item-mark">{}</span>', entry.mark) if entry.mark else "",
        format_html(
            '<span class="entry-detail">{}{}</span>', entry.detail, citations(entry.citations)
        )
        if entry.detail
        else citations(entry.citations),
    )

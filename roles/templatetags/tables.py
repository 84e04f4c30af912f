from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe

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
    mark, its detail and its citations; `anchored` gives it the entry's id. A tag that
    escapes each text once: the comparison shows some three hundred entries, and a partial
    for each, then format_html for each piece, were half and then a third of the page's
    rendering time with its cache cold (make bench).
    """
    text = escape(entry.text)
    if entry.url:
        text = f'<a href="{escape(entry.url)}">{text}</a>'
    gap = " text-body-secondary" if entry.gap else ""
    anchor = f' id="{escape(entry.anchor)}"' if anchored and entry.anchor else ""
    html = f'<span class="entry-text{gap}"{anchor}>{text}</span>'
    if entry.mark:
        html += f' <span class="item-mark">{escape(entry.mark)}</span>'
    marks = citations(entry.citations)
    if entry.detail:
        return mark_safe(f'{html}<span class="entry-detail">{escape(entry.detail)}{marks}</span>')
    return mark_safe(html + marks)

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

register = template.Library()


@register.simple_tag
def citations(sources):
    """
    A fact's citation marks, each linking to its source in the page's source list. A tag
    rather than an included template: the comparison shows some two hundred of them, and an
    include for each was a fifth of the page's rendering time.
    """
    if not sources:
        return ""
    marks = mark_safe("".join(citation_mark(source) for source in sources))
    return format_html('<span class="citations">{}</span>', marks)


def citation_mark(source) -> str:
    """
    One source's mark, made once per source object: the selectors give every fact citing a
    source the same object, so a page makes each mark once however often it is cited.
    """
    mark = getattr(source, "citation_mark", None)
    if mark is None:
        mark = source.citation_mark = format_html(
            ' <a class="cite" href="#source-{}" title="{}, {}">'
            '<span class="visually-hidden">Source: {}, </span>[{}]</a>',
            source.key,
            source.title,
            source.publisher,
            source.publisher,
            source.label,
        )
    return mark

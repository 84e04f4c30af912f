from django import template
from django.utils.html import format_html, format_html_join

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
    marks = format_html_join(
        "",
        ' <a class="cite" href="#source-{}" title="{}, {}">'
        '<span class="visually-hidden">Source: {}, </span>[{}]</a>',
        (
            (source.key, source.title, source.publisher, source.publisher, source.label)
            for source in sources
        ),
    )
    return format_html('<span class="citations">{}</span>', marks)

from django import template

register = template.Library()


@register.filter
def glossary_links(text, linker):
    """{{ text|glossary_links:glossary }}: the text with first uses of terms linked."""
    if not linker:
        return text
    return linker.link(str(text))

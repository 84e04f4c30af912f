from django import template

register = template.Library()


@register.filter
def paired_with(first, second):
    """
    Each item of `first` with the item of `second` in the same place, for a loop that needs
    both: `{% for role, entries in comparison.roles|paired_with:row.columns %}`.
    """
    return list(zip(first, second, strict=True))

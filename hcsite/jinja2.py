"""The Jinja2 environment for the few templates in jinja2/, with the Django filters they use."""

from django.template.defaultfilters import linebreaks_filter
from jinja2 import Environment


def linebreaks(text: str) -> str:
    """Django's `linebreaks`: paragraphs and line breaks of escaped text, marked safe."""
    return linebreaks_filter(text, autoescape=True)


def environment(**options) -> Environment:
    env = Environment(**options)
    env.filters["linebreaks"] = linebreaks
    return env

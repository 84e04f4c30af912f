"""
A valid assessment submission for the POST benchmark, read off the live form: the
CSRF cookie and token from one GET, and an answer for every question the form asks.
"""

import http.client
import urllib.parse
import urllib.request
from dataclasses import dataclass
from html.parser import HTMLParser


class FormFields(HTMLParser):
    """The named fields of the first form that posts (hidden values, radio choices, selects)."""

    def __init__(self):
        super().__init__()
        self.in_form = False
        self.done = False
        self.hidden: dict[str, str] = {}
        self.choices: dict[str, list[str]] = {}
        self.select: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if self.done:
            return
        if tag == "form" and (attrs.get("method") or "").lower() == "post":
            self.in_form = True
        if not self.in_form:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = (attrs.get("type") or "text").lower()
            if kind == "hidden":
                self.hidden[name] = attrs.get("value") or ""
            elif kind in {"radio", "checkbox"}:
                self.choices.setdefault(name, []).append(attrs.get("value") or "on")
        elif tag == "select" and name:
            self.select = name
            self.choices.setdefault(name, [])
        elif tag == "option" and self.select and attrs.get("value"):
            self.choices[self.select].append(attrs["value"])

    def handle_endtag(self, tag):
        if tag == "select":
            self.select = None
        elif tag == "form" and self.in_form:
            self.in_form = False
            self.done = True


@dataclass
class Submission:
    cookie: str
    body: str
    questions: int


def prepare_submission(form_url: str) -> Submission:
    """Fetch the form once and build a complete, varied set of answers."""
    with urllib.request.urlopen(form_url, timeout=10) as response:
        html = response.read().decode()
        cookies = response.headers.get_all("Set-Cookie") or []
    csrf_cookie = next((c.split(";", 1)[0] for c in cookies if c.startswith("csrftoken=")), None)
    if csrf_cookie is None:
        raise RuntimeError(f"{form_url} set no csrftoken cookie")
    data, questions = answers_from_form(html, form_url)
    return Submission(cookie=csrf_cookie, body=urllib.parse.urlencode(data), questions=questions)


def answers_from_form(html: str, form_url: str) -> tuple[list[tuple[str, str]], int]:
    """The form's hidden fields and an answer to each question, and how many questions."""
    fields = FormFields()
    fields.feed(html)
    if "csrfmiddlewaretoken" not in fields.hidden:
        raise RuntimeError(f"{form_url} has no csrfmiddlewaretoken field")
    data = list(fields.hidden.items())
    for index, (name, values) in enumerate(fields.choices.items()):
        if values:
            # Vary the answers so the submission is a real one, not "the same answer everywhere".
            data.append((name, values[(index * 2 + 1) % len(values)]))
    return data, len(fields.choices)


def post_once(url: str, submission: Submission) -> tuple[int, str]:
    """Send the submission once, without following the redirect: (status, Location)."""
    parsed = urllib.parse.urlsplit(url)
    connection = http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=10)
    try:
        connection.request(
            "POST",
            parsed.path,
            body=submission.body,
            headers={
                "Content-Type": "application/x-www-form-urlencoded",
                "Cookie": submission.cookie,
            },
        )
        response = connection.getresponse()
        response.read()
        return response.status, response.headers.get("Location", "")
    finally:
        connection.close()

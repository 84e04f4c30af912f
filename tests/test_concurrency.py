"""
Many visitors at once: gunicorn with four workers takes 200 simultaneous assessment
submissions, on SQLite (the embedded default) or on PostgreSQL when DATABASE_URL
points there (CI's PostgreSQL leg). Every submission must get its result page and be
stored and tallied: no "database is locked", no lost rows, no lost counts.
"""

import html
import os
import re
import threading
import uuid
from concurrent.futures import ThreadPoolExecutor
from http.cookies import SimpleCookie
from urllib.parse import urlencode, urlparse

import pytest

from .servers import gunicorn, manage, request, site_environment

SUBMISSIONS = 200
pytestmark = pytest.mark.slow


@pytest.fixture
def database_url(tmp_path):
    """A fresh, empty database of the same kind the suite runs on."""
    configured = os.environ.get("DATABASE_URL", "")
    if not configured.startswith("postgres"):
        yield f"sqlite:///{tmp_path / 'concurrency.sqlite3'}"
        return
    import psycopg

    name = f"hcsite_concurrency_{uuid.uuid4().hex[:12]}"
    admin_url = urlparse(configured)
    with psycopg.connect(configured, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    try:
        yield admin_url._replace(path=f"/{name}").geturl()
    finally:
        with psycopg.connect(configured, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def gunicorn_site(database_url, tmp_path):
    env = site_environment(
        database_url,
        tmp_path,
        ASSESSMENT_RATE_LIMIT="100000/m",
        ASSESSMENT_CLIENT_RATE_LIMIT="100000/m",
    )
    with gunicorn(env, workers=4) as port:
        yield port, env


def valid_answers(form_html):
    """Agree with every other statement: a valid, non-uniform submission."""
    names = list(dict.fromkeys(re.findall(r'type="radio" name="([^"]+)"', form_html)))
    assert names, "the assessment form has no radio questions"
    return [(name, "5" if index % 2 else "1") for index, name in enumerate(names)]


def count_results(env):
    code = "from assessment.models import Result; print(Result.objects.count())"
    return int(manage(env, "shell", "--no-imports", "-c", code).strip().splitlines()[-1])


def count_tallied(env):
    code = (
        "from django.db.models import Sum; from assessment.models import ResultTally; "
        "print(ResultTally.objects.aggregate(total=Sum('results'))['total'])"
    )
    return int(manage(env, "shell", "--no-imports", "-c", code).strip().splitlines()[-1])


def test_two_hundred_simultaneous_submissions_are_all_stored(gunicorn_site):
    port, env = gunicorn_site
    status, headers, form_html = request(port, "GET", "/assessment/")
    assert status == 200
    cookie = SimpleCookie(headers["Set-Cookie"])
    token = cookie["csrftoken"].value
    middleware_token = html.unescape(
        re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form_html).group(1)
    )
    body = urlencode([("csrfmiddlewaretoken", middleware_token), *valid_answers(form_html)])
    post_headers = {
        "Content-Type": "application/x-www-form-urlencoded",
        "Cookie": f"csrftoken={token}",
        "Referer": f"http://127.0.0.1:{port}/assessment/",
    }
    start = threading.Barrier(SUBMISSIONS)

    def submit(_):
        start.wait(timeout=60)
        status, headers, _ = request(port, "POST", "/assessment/", body, post_headers)
        if status != 303:
            return status, None
        location = urlparse(headers["Location"]).path
        return request(port, "GET", location)[0], location

    with ThreadPoolExecutor(max_workers=SUBMISSIONS) as pool:
        outcomes = list(pool.map(submit, range(SUBMISSIONS)))

    statuses = [status for status, _ in outcomes]
    assert statuses == [200] * SUBMISSIONS, {s: statuses.count(s) for s in set(statuses)}
    result_pages = {location for _, location in outcomes}
    assert len(result_pages) == SUBMISSIONS
    assert count_results(env) == SUBMISSIONS
    # All alike, so all race to create and add to the one tally of the day: none is lost.
    assert count_tallied(env) == SUBMISSIONS

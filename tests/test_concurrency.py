"""
Many visitors at once: gunicorn with four workers takes 200 simultaneous assessment
submissions, on SQLite (the embedded default) or on PostgreSQL when DATABASE_URL
points there (CI's PostgreSQL leg). Every submission must get its result page and be
stored: no "database is locked", no lost rows.
"""

import html
import http.client
import os
import re
import socket
import subprocess
import sys
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode, urlparse

import pytest

ROOT = Path(__file__).resolve().parent.parent
SUBMISSIONS = 200
pytestmark = pytest.mark.slow


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


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
    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"},
        "DEBUG": "0",
        "SECRET_KEY": "concurrency-test-secret-key-" + uuid.uuid4().hex,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "0",
        "SECURE_COOKIES": "0",
        "DATABASE_URL": database_url,
        "ASSESSMENT_RATE_LIMIT": "100000/m",
        "ASSESSMENT_CLIENT_RATE_LIMIT": "100000/m",
        "STATIC_ROOT": str(tmp_path / "static"),
    }
    for command in (["migrate", "--noinput"], ["load_content"], ["collectstatic", "--noinput"]):
        subprocess.run(
            [sys.executable, "manage.py", *command],
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
        )
    port = free_port()
    server = subprocess.Popen(
        [
            sys.executable, "-m", "gunicorn", "hcsite.wsgi",
            "--workers", "4", "--bind", f"127.0.0.1:{port}", "--timeout", "60",
        ],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                if request(port, "GET", "/healthz")[0] == 200:
                    break
            except OSError:
                time.sleep(0.2)
        else:
            pytest.fail("gunicorn did not start")
        yield port, env
    finally:
        server.terminate()
        server.wait(timeout=20)


def request(port, method, path, body=None, headers=None):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read().decode()
    finally:
        connection.close()


def valid_answers(form_html):
    """Agree with every other statement: a valid, non-uniform submission."""
    names = list(dict.fromkeys(re.findall(r'type="radio" name="([^"]+)"', form_html)))
    assert names, "the assessment form has no radio questions"
    return [(name, "5" if index % 2 else "1") for index, name in enumerate(names)]


def count_results(env):
    code = "from assessment.models import Result; print(Result.objects.count())"
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", code],
        cwd=ROOT, env=env, check=True, capture_output=True, text=True,
    )  # fmt: skip
    return int(result.stdout.strip().splitlines()[-1])


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

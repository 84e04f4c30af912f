"""
A classroom behind one school address takes the assessment through gunicorn with
several workers and the default limits: everyone gets a result within a minute,
while one client repeating its submission is held back, counted across workers.
"""

import html
import os
import re
import shutil
import subprocess
import sys
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from http.cookiejar import CookieJar
from urllib.error import HTTPError
from urllib.parse import urlencode
from urllib.request import HTTPCookieProcessor, build_opener

import pytest

from tests.test_concurrency import ROOT, free_port, request, valid_answers

pytestmark = pytest.mark.slow

CLASS_SIZE = 30


@pytest.fixture
def redis_url():
    """A Redis server of this test's own on a free loopback port: the cache workers share."""
    import redis

    if not shutil.which("redis-server"):
        pytest.skip("redis-server is not installed")
    port = free_port()
    server = subprocess.Popen(
        [
            "redis-server", "--port", str(port), "--bind", "127.0.0.1",
            "--save", "", "--appendonly", "no",
        ],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    url = f"redis://127.0.0.1:{port}/0"
    try:
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                if redis.Redis.from_url(url).ping():
                    break
            except redis.ConnectionError:
                time.sleep(0.1)
        else:
            pytest.fail("redis-server did not start")
        yield url
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.fixture
def classroom_site(tmp_path, redis_url):
    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"},
        "DEBUG": "0",
        "SECRET_KEY": "classroom-test-secret-key-" + uuid.uuid4().hex,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "SECURE_COOKIES": "0",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'classroom.sqlite3'}",
        "REDIS_URL": redis_url,
        "STATIC_ROOT": str(tmp_path / "static"),
    }
    for name in ("ASSESSMENT_RATE_LIMIT", "ASSESSMENT_CLIENT_RATE_LIMIT"):
        env.pop(name, None)  # the defaults are what a school gets
    for command in (
        ["migrate", "--noinput"],
        ["load_content"],
        ["load_questions"],
        ["collectstatic", "--noinput"],
    ):
        subprocess.run(
            [sys.executable, "manage.py", *command],
            cwd=ROOT, env=env, check=True, capture_output=True,
        )  # fmt: skip
    port = free_port()
    server = subprocess.Popen(
        [
            sys.executable, "-m", "gunicorn", "hcsite.wsgi",
            "--workers", "3", "--bind", f"127.0.0.1:{port}", "--timeout", "60",
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
        yield f"http://127.0.0.1:{port}"
    finally:
        server.terminate()
        server.wait(timeout=20)


class Student:
    """One browser: its own cookies, its own copy of the form."""

    def __init__(self, site: str):
        self.site = site
        self.opener = build_opener(HTTPCookieProcessor(CookieJar()))
        form = self.opener.open(f"{site}/assessment/", timeout=60).read().decode()
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)
        self.body = urlencode(
            [("csrfmiddlewaretoken", html.unescape(token)), *valid_answers(form)]
        ).encode()

    def submit(self) -> tuple[int, str]:
        """The status of the page the submission ends on, and that page."""
        try:
            response = self.opener.open(f"{self.site}/assessment/", data=self.body, timeout=60)
        except HTTPError as error:
            return error.code, error.read().decode()
        return response.status, response.geturl()


def test_thirty_classmates_behind_one_address_all_get_a_result_within_a_minute(classroom_site):
    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=10) as pool:
        students = list(pool.map(lambda _: Student(classroom_site), range(CLASS_SIZE)))
        outcomes = list(pool.map(lambda student: student.submit(), students))
    elapsed = time.monotonic() - started

    assert [status for status, _ in outcomes] == [200] * CLASS_SIZE
    assert all("/assessment/results/" in page for _, page in outcomes)
    assert len({page for _, page in outcomes}) == CLASS_SIZE
    assert elapsed < 60


def test_one_client_repeating_its_submission_is_held_back_across_workers(classroom_site):
    student = Student(classroom_site)

    outcomes = [student.submit() for _ in range(20)]

    statuses = [status for status, _ in outcomes]
    # The default allows six a minute per client; counted per worker it would be 18.
    assert statuses == [200] * 6 + [429] * 14
    refused = outcomes[-1][1]
    assert "Your answers are still here." in refused
    assert refused.count(" checked") == len(valid_answers(refused))

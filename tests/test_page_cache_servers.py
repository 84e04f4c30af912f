"""
The page cache through real servers: several gunicorn workers on the embedded default share
one cache, a SCRIPT_NAME header cannot store a page under another address, and a Redis that
stops or fills up is a miss, never an error.
"""

import html
import re
import urllib.request
from urllib.parse import urlencode

import pytest
from django.core.cache import caches

from assessment.models import Result

from .clients import BrowserClient
from .servers import gunicorn, manage, redis_server, request, site_environment

pytestmark = pytest.mark.slow

PUBLIC_PAGES = [
    "/",
    "/roles/",
    "/roles/healthcare-management/",
    "/compare/",
    "/compare/healthcare-management-vs-healthcare-administration/",
    "/degrees/",
    "/sitemap.xml",
    "/robots.txt",
]


@pytest.fixture
def two_workers(tmp_path):
    env = site_environment(f"sqlite:///{tmp_path / 'site.sqlite3'}", tmp_path)
    with gunicorn(env, workers=2) as port:
        yield port, env


def signed_in_browser(port, username, password):
    """A urllib opener that keeps cookies, signed in to the admin through the login form."""
    browser = urllib.request.build_opener(urllib.request.HTTPCookieProcessor())
    submit_form(browser, port, "/admin/login/?next=/admin/", username=username, password=password)
    return browser


def submit_form(browser, port, path, **fields):
    """GET the page, then POST its form with the CSRF token and `fields`; the final status."""
    url = f"http://127.0.0.1:{port}{path}"
    page = browser.open(url, timeout=30).read().decode()
    token = html.unescape(re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)[1])
    body = urlencode({"csrfmiddlewaretoken": token, **fields}, doseq=True).encode()
    post = urllib.request.Request(url, data=body, headers={"Referer": url})
    return browser.open(post, timeout=30).status


def test_an_edit_through_one_worker_shows_on_the_next_request_to_every_worker(two_workers):
    port, env = two_workers
    for _ in range(20):  # both workers render and keep the page
        assert "Healthcare administration" in request(port, "GET", "/roles/")[2]
    manage(
        {**env, "DJANGO_SUPERUSER_PASSWORD": "a-long-server-test-password"},
        "createsuperuser", "--noinput", "--username", "editor", "--email", "e@example.org",
    )  # fmt: skip
    role_id = manage(
        env, "shell", "--no-imports", "-c",
        "from roles.models import Role; "
        "print(Role.objects.get(slug='healthcare-administration').pk)",
    ).strip().splitlines()[-1]  # fmt: skip
    editor = signed_in_browser(port, "editor", "a-long-server-test-password")
    status = submit_form(
        editor, port, "/admin/roles/role/", action="unpublish", _selected_action=role_id
    )
    assert status == 200  # the changelist again, after the redirect
    for _ in range(20):
        assert "Healthcare administration" not in request(port, "GET", "/roles/")[2]


def test_a_script_name_header_through_gunicorn_never_stores_one_page_under_anothers_address(
    tmp_path,
):
    env = site_environment(f"sqlite:///{tmp_path / 'site.sqlite3'}", tmp_path)
    # Passing headers with underscores on, as older gunicorn releases did by default.
    with gunicorn(env, workers=2, options=("--header-map", "dangerous")) as port:
        assert_script_name_header_is_not_cached(port)


def assert_script_name_header_is_not_cached(port):
    for _ in range(4):  # each worker, in turn, is sent the header first
        request(port, "GET", "/roles/", headers={"SCRIPT_NAME": "/roles"})
        request(port, "GET", "/", headers={"SCRIPT_NAME": "/roles"})
    for _ in range(4):
        assert "<h1>Career paths</h1>" in request(port, "GET", "/roles/")[2]
        home = request(port, "GET", "/")[2]
        assert "<h1>Career paths</h1>" not in home
        assert 'href="/roles/roles/' not in home


# ------------------------------------------------------------------------------
# A Redis that stops or fills up
# ------------------------------------------------------------------------------
def use_redis(settings, url):
    redis = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": url,
        "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
    }
    settings.CACHES = {
        "default": {**redis, "KEY_PREFIX": "hcsite"},
        "pages": {**redis, "KEY_PREFIX": "hcsite-pages"},
    }


def every_page_and_a_submission_work(assessment_answers):
    visitor = BrowserClient()
    for url in PUBLIC_PAGES:
        assert visitor.get(url).status_code == 200, url
    assert visitor.get("/healthz").content == b"ok"
    before = Result.objects.count()
    response = visitor.post("/assessment/", assessment_answers(default=4, budgets=5))
    assert response.status_code == 303
    assert Result.objects.count() == before + 1
    assert visitor.get(response["Location"]).status_code == 200


def test_with_redis_stopped_every_page_answers_and_results_are_stored(settings, assessment_answers):
    with redis_server() as (url, server):
        use_redis(settings, url)
        BrowserClient().get("/roles/")
        assert caches["pages"].get("page-generation")
        server.terminate()
        server.wait(timeout=10)
        every_page_and_a_submission_work(assessment_answers)


def test_with_redis_full_under_noeviction_every_page_answers_and_results_are_stored(
    settings, assessment_answers
):
    with redis_server("--maxmemory", "2mb", "--maxmemory-policy", "noeviction") as (url, _):
        use_redis(settings, url)
        filler = caches["default"]
        with pytest.raises(Exception, match="maxmemory"):
            for n in range(10_000):
                filler.set(f"filler-{n}", "x" * 10_000, timeout=None)
        every_page_and_a_submission_work(assessment_answers)

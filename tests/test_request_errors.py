"""Bad requests get the site's own 400 page with its security headers, logged on one line."""

import io
import logging
import sys

import pytest
from django.test import Client

from assessment.models import Result
from hcsite.log_filters import ClientErrorsOnOneLine

from .clients import BrowserClient

pytestmark = pytest.mark.django_db

FORM_URL = "/assessment/"


def post(client, body: bytes, content_type: str, url=FORM_URL):
    return client.generic("POST", url, body, content_type=content_type)


def assert_site_400_page(response):
    assert response.status_code == 400
    html = response.content.decode()
    assert "<h1>Bad request</h1>" in html
    assert 'id="main-content"' in html  # the site's own layout, from base.html
    assert response.headers["Content-Security-Policy"].startswith("default-src 'none'")
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"


@pytest.mark.parametrize(
    "content_type",
    [
        "application/x-www-form-urlencoded; charset=latin-1",
        "application/x-www-form-urlencoded; charset=utf-16",
    ],
)
def test_a_form_declaring_another_charset_gets_the_400_page(
    client, assessment_questions, content_type
):
    response = post(client, "question-1=caf\u00e9".encode("latin-1"), content_type)
    assert_site_400_page(response)
    assert not Result.objects.exists()


def test_a_malformed_multipart_body_gets_the_400_page(client, assessment_questions):
    body = b'--x\r\nContent-Disposition: form-data; name="a"\r\n\r\nno closing boundary'
    response = post(client, body, "multipart/form-data")  # no boundary at all
    assert_site_400_page(response)


def test_a_file_upload_is_refused_and_nothing_is_stored(
    client, assessment_answers, tmp_path, settings
):
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path)
    body = (
        b"--x\r\n"
        b'Content-Disposition: form-data; name="upload"; filename="big.bin"\r\n'
        b"Content-Type: application/octet-stream\r\n\r\n" + b"\0" * 1000 + b"\r\n--x--\r\n"
    )
    response = post(client, body, "multipart/form-data; boundary=x")
    assert_site_400_page(response)
    assert not Result.objects.exists()
    assert list(tmp_path.iterdir()) == []


def test_a_complete_submission_sent_as_multipart_is_refused_and_nothing_is_stored(
    client, assessment_answers
):
    response = Client().post(FORM_URL, assessment_answers(default=4))  # multipart by default
    assert_site_400_page(response)
    assert not Result.objects.exists()
    assert client.post(FORM_URL, assessment_answers(default=4)).status_code == 303


def test_a_file_upload_to_any_public_page_is_refused(client, seeded):
    body = (
        b'--x\r\nContent-Disposition: form-data; name="f"; filename="a.txt"\r\n\r\nhi\r\n--x--\r\n'
    )
    response = post(client, body, "multipart/form-data; boundary=x", url="/roles/")
    assert response.status_code in (400, 405)


def test_the_400_page_works_for_a_request_with_a_forged_host(client):
    response = client.get("/", headers={"host": "evil.example"})
    assert_site_400_page(response)


@pytest.fixture
def console_log():
    """What the site's console log handler (settings.LOGGING) writes during the test."""
    handler = next(
        handler
        for handler in logging.getLogger().handlers
        if any(isinstance(f, ClientErrorsOnOneLine) for f in handler.filters)
    )
    stream = io.StringIO()
    previous = handler.setStream(stream)
    yield stream
    handler.setStream(previous)


def test_a_bad_request_is_logged_on_one_line_without_a_traceback(
    client, assessment_questions, console_log
):
    post(client, b"a=1", "application/x-www-form-urlencoded; charset=latin-1")
    lines = console_log.getvalue().splitlines()
    assert len(lines) == 1, lines
    assert "must be UTF-8 encoded" in lines[0]


def test_a_server_error_keeps_its_traceback():
    record = logging.LogRecord("django.request", logging.ERROR, __file__, 1, "boom", (), None)
    record.status_code = 500
    try:
        raise RuntimeError("boom")
    except RuntimeError:
        record.exc_info = sys.exc_info()
    assert ClientErrorsOnOneLine().filter(record)
    assert record.exc_info is not None


def test_a_form_without_its_csrf_cookie_gets_the_site_403_page(assessment_answers):
    client = BrowserClient(enforce_csrf_checks=True)
    response = client.post(FORM_URL, assessment_answers())
    assert response.status_code == 403
    html = response.content.decode()
    assert "This form has expired" in html
    assert 'id="main-content"' in html
    assert "<style" not in html  # nothing the policy would block
    assert not Result.objects.exists()

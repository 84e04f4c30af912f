"""
The production recipe, run as the README runs it (`make production`): nginx in front of
gunicorn on free loopback ports, with production settings on a fresh SQLite database.
Slow clients, huge bodies, forged headers and malformed forms meet the whole stack here.
"""

import contextlib
import html
import http.client
import os
import re
import shutil
import signal
import socket
import sqlite3
import subprocess
import threading
import time
import uuid
from dataclasses import dataclass
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

import pytest

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"
# Another loopback address for the client, so that the address Django sees can only have
# come from nginx's X-Forwarded-For: nginx itself talks to gunicorn from 127.0.0.1.
CLIENT = "127.0.0.2"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
STARTUP_SECONDS = 120
COMPARE = "/compare/healthcare-management-vs-healthcare-administration/"

pytestmark = pytest.mark.slow


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


@dataclass
class Stack:
    port: int
    gunicorn_port: int
    log: Path
    database: Path
    process: subprocess.Popen

    def log_text(self) -> str:
        return self.log.read_text(errors="replace")

    def wait_for_log(self, text: str, seconds: float = 5) -> str:
        """The log once it holds `text`: gunicorn writes an access line after it answers."""
        deadline = time.monotonic() + seconds
        while text not in (log := self.log_text()) and time.monotonic() < deadline:
            time.sleep(0.1)
        return log


def request(stack, method, path, *, body=b"", headers=None, source=CLIENT, timeout=10):
    """One request to nginx from the `source` loopback address: (status, headers, body)."""
    connection = http.client.HTTPConnection(
        HOST, stack.port, timeout=timeout, source_address=(source, 0)
    )
    try:
        connection.request(method, path, body=body or None, headers=headers or {})
        response = connection.getresponse()
        return response.status, response.headers, response.read()
    finally:
        connection.close()


def is_listening(port: int) -> bool:
    with contextlib.suppress(OSError), socket.create_connection((HOST, port), timeout=0.5):
        return True
    return False


@contextlib.contextmanager
def production_stack(tmp_path: Path):
    if not Path(NGINX).exists():
        message = "nginx not found: apt-get install -y nginx (.ci/install-system-packages)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    port, gunicorn_port = free_port(), free_port()
    database = tmp_path / "production.sqlite3"
    env = {
        **{
            key: value
            for key, value in os.environ.items()
            if key not in {"DJANGO_SETTINGS_MODULE", "REDIS_URL", "DATABASE_URL"}
        },
        "DEBUG": "0",
        "SECRET_KEY": "stack-test-secret-key-" + uuid.uuid4().hex + uuid.uuid4().hex,
        "ALLOWED_HOSTS": HOST,
        # Plain HTTP on loopback: no redirect to HTTPS, cookies sent without TLS.
        "SECURE_SSL_REDIRECT": "0",
        "SECURE_COOKIES": "0",
        "DATABASE_URL": f"sqlite:///{database}",
        "STATIC_ROOT": str(tmp_path / "static"),
        "CONTENT_VERSION_FILE": str(tmp_path / "content-version"),
        "RUN_DIR": str(tmp_path / "run"),
        "LISTEN": f"{HOST}:{port}",
        "GUNICORN_BIND": f"{HOST}:{gunicorn_port}",
        # Two workers: fewer than the slow clients below by far.
        "WEB_CONCURRENCY": "2",
        "NGINX": NGINX,
    }
    log = tmp_path / "stack.log"
    with log.open("wb") as output:
        process = subprocess.Popen(
            ["make", "production"],
            cwd=ROOT,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    stack = Stack(port, gunicorn_port, log, database, process)
    try:
        deadline = time.monotonic() + STARTUP_SECONDS
        while time.monotonic() < deadline and process.poll() is None:
            with contextlib.suppress(OSError):
                if request(stack, "GET", "/healthz", timeout=2)[0] == 200:
                    break
            time.sleep(0.5)
        else:
            pytest.fail(f"The stack did not start:\n{stack.log_text()[-3000:]}")
        yield stack
    finally:
        # What Ctrl-C does in a terminal: SIGINT to the whole foreground process group.
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGINT)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)


@pytest.fixture(scope="module")
def stack(tmp_path_factory):
    with production_stack(tmp_path_factory.mktemp("production-stack")) as running:
        yield running


class Session:
    """A visitor with cookies, talking to nginx from the CLIENT address."""

    def __init__(self, stack):
        self.stack = stack
        self.cookies = SimpleCookie()

    def send(self, method, path, *, form=None, content_type=None, body=b"", headers=None):
        headers = dict(headers or {})
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={m.value}" for k, m in self.cookies.items())
        if form is not None:
            body = urlencode(form, doseq=True).encode()
            content_type = content_type or "application/x-www-form-urlencoded"
        if content_type:
            headers["Content-Type"] = content_type
        status, response_headers, content = request(
            self.stack, method, path, body=body, headers=headers
        )
        for value in response_headers.get_all("Set-Cookie") or []:
            self.cookies.load(value)
        return status, response_headers, content.decode(errors="replace")

    def csrf_token(self, path):
        status, _, page = self.send("GET", path)
        assert status == 200, path
        return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)[1]


# ------------------------------------------------------------------------------
# Slow clients and huge bodies stop at nginx
# ------------------------------------------------------------------------------


def trickle_headers(port: int, *, clients: int, seconds: float, stop: threading.Event):
    """`clients` connections that send their headers a few bytes at a time, then give up."""
    sockets = []
    for _ in range(clients):
        sock = socket.create_connection((HOST, port), timeout=2)
        sock.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n")
        sockets.append(sock)
    deadline = time.monotonic() + seconds
    try:
        while time.monotonic() < deadline and not stop.is_set():
            for sock in sockets:
                with contextlib.suppress(OSError):
                    sock.sendall(b"X-Slow: 1\r\n")
            stop.wait(0.5)
    finally:
        for sock in sockets:
            sock.close()


def test_64_clients_trickling_their_headers_do_not_delay_healthz(stack):
    stop = threading.Event()
    trickler = threading.Thread(
        target=trickle_headers,
        args=(stack.port,),
        kwargs={"clients": 64, "seconds": 8, "stop": stop},
    )
    trickler.start()
    try:
        time.sleep(1)  # every slow client is connected and sending
        timings = []
        for _ in range(10):
            started = time.monotonic()
            status, _, body = request(stack, "GET", "/healthz", timeout=5)
            timings.append(time.monotonic() - started)
            assert (status, body) == (200, b"ok")
            time.sleep(0.3)
    finally:
        stop.set()
        trickler.join(timeout=15)
    assert max(timings) < 1.0, timings


def test_a_20_mb_post_gets_413_from_nginx_without_reaching_django(stack):
    probe = uuid.uuid4().hex
    size = 20 * 1024 * 1024
    with socket.create_connection((HOST, stack.port), timeout=10) as sock:
        sock.sendall(
            f"POST /assessment/?probe={probe} HTTP/1.1\r\nHost: {HOST}\r\n"
            f"Content-Type: application/x-www-form-urlencoded\r\n"
            f"Content-Length: {size}\r\nConnection: close\r\n\r\n".encode()
        )
        # nginx answers as soon as it has read the length; the rest may be refused.
        with contextlib.suppress(OSError):
            chunk = b"a" * 65536
            for _ in range(size // len(chunk)):
                sock.sendall(chunk)
        response = b""
        with contextlib.suppress(OSError):
            while data := sock.recv(65536):
                response += data
    assert response.startswith(b"HTTP/1.1 413"), response[:200]
    assert b"nginx" in response
    # gunicorn logs every request it gets: a later request shows up, the big one never did.
    later = uuid.uuid4().hex
    assert request(stack, "GET", f"/healthz?probe={later}")[0] == 200
    log = stack.wait_for_log(later)
    assert later in log
    assert probe not in log


# ------------------------------------------------------------------------------
# The site works through nginx
# ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path", ["/", "/roles/", COMPARE, "/degrees/", "/assessment/", "/sitemap.xml", "/readyz"]
)
def test_pages_work_through_nginx(stack, path):
    status, headers, _ = request(stack, "GET", path)
    assert status == 200
    assert headers["Content-Security-Policy"].startswith("default-src 'none'")


def test_hashed_static_files_are_served_through_nginx(stack):
    _, _, page = request(stack, "GET", "/")
    stylesheet = re.search(r'href="(/static/css/site\.[0-9a-f]+\.css)"', page.decode())[1]
    status, headers, _ = request(stack, "GET", stylesheet)
    assert status == 200
    assert "immutable" in headers["Cache-Control"]


def test_an_assessment_submission_works_through_nginx(stack):
    visitor = Session(stack)
    token = visitor.csrf_token("/assessment/")
    _, _, form = visitor.send("GET", "/assessment/")
    questions = sorted(set(re.findall(r'name="(question-\d+)"', form)))
    assert len(questions) >= 12
    answers = {name: "5" if n % 2 else "1" for n, name in enumerate(questions)}

    status, headers, _ = visitor.send(
        "POST", "/assessment/", form={"csrfmiddlewaretoken": token, **answers}
    )

    assert status == 303
    result_path = headers["Location"]
    assert result_path.startswith("/assessment/results/")
    status, _, result = visitor.send("GET", result_path)
    assert status == 200
    assert "healthcare" in html.unescape(result).lower()


def test_django_sees_the_real_client_address_not_a_forged_one(stack):
    visitor = Session(stack)
    token = visitor.csrf_token("/admin/login/")
    username = "nobody-" + uuid.uuid4().hex[:8]

    status, _, _ = visitor.send(
        "POST",
        "/admin/login/",
        form={"csrfmiddlewaretoken": token, "username": username, "password": "wrong"},
        # Written by the client itself: nginx appends the address it saw after it.
        headers={"X-Forwarded-For": "6.6.6.6"},
    )

    assert status == 200  # the sign-in form again, with an error
    with contextlib.closing(sqlite3.connect(stack.database)) as database:
        addresses = database.execute(
            "SELECT ip_address FROM axes_accessattempt WHERE username = ?", (username,)
        ).fetchall()
    assert addresses == [(CLIENT,)]


# ------------------------------------------------------------------------------
# Clean errors through gunicorn
# ------------------------------------------------------------------------------


def test_a_latin1_form_gets_the_site_400_page_and_one_log_line(stack):
    visitor = Session(stack)
    token = visitor.csrf_token("/assessment/")
    probe = uuid.uuid4().hex

    status, headers, page = visitor.send(
        "POST",
        f"/assessment/?probe={probe}",
        body=f"csrfmiddlewaretoken={token}&question-1=caf%E9".encode(),
        content_type="application/x-www-form-urlencoded; charset=latin-1",
    )

    assert status == 400
    assert "<h1>Bad request</h1>" in page
    assert headers["Content-Security-Policy"].startswith("default-src 'none'")
    assert headers["X-Content-Type-Options"] == "nosniff"
    log = stack.wait_for_log(f"probe={probe}")
    assert f"probe={probe}" in log  # the access line
    assert "Traceback" not in log
    assert "Internal Server Error" not in log
    assert len([line for line in log.splitlines() if "must be UTF-8 encoded" in line]) == 1


def test_a_malformed_multipart_body_gets_the_site_400_page(stack):
    visitor = Session(stack)
    visitor.csrf_token("/assessment/")
    status, _, page = visitor.send(
        "POST", "/assessment/", body=b"--x\r\nbroken", content_type="multipart/form-data"
    )
    assert status == 400
    assert "<h1>Bad request</h1>" in page
    assert "Traceback" not in stack.log_text()


# ------------------------------------------------------------------------------
# Ctrl-C
# ------------------------------------------------------------------------------


def test_ctrl_c_stops_nginx_and_gunicorn(tmp_path):
    with production_stack(tmp_path) as running:
        assert is_listening(running.port) and is_listening(running.gunicorn_port)
    assert running.process.returncode is not None
    assert not is_listening(running.port)
    assert not is_listening(running.gunicorn_port)

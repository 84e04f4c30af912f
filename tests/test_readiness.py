"""/healthz says the process is alive; /readyz says the database and the cache both work."""

import shutil
import socket
import subprocess
import time

import pytest
from django.db import connection

pytestmark = pytest.mark.django_db


def test_readyz_answers_200_when_the_database_and_cache_work(client):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.content.decode() == "database: ok\ncache: ok\n"
    assert "no-cache" in response.headers["Cache-Control"]


@pytest.fixture
def read_only_database():
    """The test database refusing every write, as a read-only file or replica would."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("PRAGMA query_only = ON")
        else:
            cursor.execute("SET TRANSACTION READ ONLY")
    yield
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA query_only = OFF")


def test_readyz_answers_503_when_the_database_refuses_writes(client, read_only_database):
    response = client.get("/readyz")
    assert response.status_code == 503
    assert "database: failing" in response.content.decode()


def test_healthz_stays_ok_when_the_database_refuses_writes(client, read_only_database):
    assert client.get("/healthz").status_code == 200


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def redis_cache(settings, tmp_path):
    """A redis-server of the test's own on a free loopback port, as the site's cache."""
    server = shutil.which("redis-server")
    if server is None:
        pytest.skip("redis-server is not installed")
    port = free_port()
    process = subprocess.Popen(
        [
            server,
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            str(tmp_path),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            time.sleep(0.05)
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{port}/0",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
    yield process
    process.terminate()
    process.wait(timeout=10)


def test_readyz_follows_the_redis_cache(client, redis_cache):
    assert client.get("/readyz").status_code == 200

    redis_cache.terminate()
    redis_cache.wait(timeout=10)

    response = client.get("/readyz")
    assert response.status_code == 503
    assert "cache: failing" in response.content.decode()
    assert client.get("/healthz").status_code == 200

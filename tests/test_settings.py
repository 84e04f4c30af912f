import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def load_settings(**env):
    """Import hcsite.settings in a fresh interpreter with exactly this environment."""
    controlled = {"SECRET_KEY", "DEBUG", "ALLOWED_HOSTS", "DATABASE_URL", "REDIS_URL", "ADMIN_URL"}
    clean = {k: v for k, v in os.environ.items() if k not in controlled}
    clean.update(env)
    code = (
        "import hcsite.settings as s; "
        "print(s.DATABASES['default']['ENGINE'], s.CACHES['default']['BACKEND'], s.ADMIN_URL)"
    )
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=clean, capture_output=True, text=True
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = load_settings(DEBUG="0", ALLOWED_HOSTS="example.org")
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    result = load_settings(DEBUG="0", SECRET_KEY="x" * 50)
    assert result.returncode != 0
    assert "ALLOWED_HOSTS is not set" in result.stderr


def test_defaults_are_sqlite_and_a_cache_every_process_on_the_machine_shares():
    result = load_settings(DEBUG="1")
    assert result.returncode == 0, result.stderr
    assert "sqlite3" in result.stdout and "FileBasedCache" in result.stdout
    assert "LocMemCache" not in result.stdout


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({"DATABASE_URL": "postgres://u@127.0.0.1:5432/db"}, "postgresql"),
        ({"REDIS_URL": "redis://127.0.0.1:6379/1"}, "RedisCache"),
        ({"ADMIN_URL": "/editors/"}, "editors/"),
    ],
)
def test_settings_come_from_the_environment(env, expected):
    result = load_settings(DEBUG="1", **env)
    assert result.returncode == 0, result.stderr
    assert expected in result.stdout


def test_healthz_answers_ok_without_the_database(db, client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok"

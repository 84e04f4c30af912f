"""gunicorn's settings in deploy/: from the environment, and reachable only through nginx."""

import runpy
from pathlib import Path

import pytest

GUNICORN_CONFIG = Path(__file__).resolve().parent.parent / "deploy" / "gunicorn.conf.py"


def load_gunicorn_config(monkeypatch, **env):
    for name in ("GUNICORN_BIND", "WEB_CONCURRENCY", "GUNICORN_TIMEOUT"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(GUNICORN_CONFIG))


def test_gunicorn_listens_on_loopback_by_default(monkeypatch):
    assert load_gunicorn_config(monkeypatch)["bind"] == ["127.0.0.1:8001"]


@pytest.mark.parametrize("bind", ["127.0.0.1:9000", "[::1]:9000", "unix:/run/hcsite.sock"])
def test_gunicorn_takes_a_loopback_address_or_a_unix_socket(monkeypatch, bind):
    assert load_gunicorn_config(monkeypatch, GUNICORN_BIND=bind)["bind"] == [bind]


@pytest.mark.parametrize("bind", ["0.0.0.0:8000", "192.0.2.10:8000", "localhost:8000", ":8000"])
def test_gunicorn_refuses_an_address_the_internet_could_reach(monkeypatch, bind):
    with pytest.raises(SystemExit, match="GUNICORN_BIND"):
        load_gunicorn_config(monkeypatch, GUNICORN_BIND=bind)


def test_workers_and_timeout_come_from_the_environment(monkeypatch):
    config = load_gunicorn_config(monkeypatch, WEB_CONCURRENCY="3", GUNICORN_TIMEOUT="12")
    assert (config["workers"], config["timeout"]) == (3, 12)

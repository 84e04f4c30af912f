"""
The site as the benchmark runs it: a fresh SQLite database and collected static
files in a temporary folder, served by gunicorn on loopback with production settings.

Every server started here is stopped when the process exits, however it exits
(normal end, exception, Ctrl-C, SIGTERM): see `stop_all_servers`.
"""

import atexit
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"
WORKERS = 2


def production_environment(workdir: Path, **overrides: str) -> dict[str, str]:
    """Production settings (DEBUG off) with the few changes a loopback benchmark needs."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "hcsite.settings",
        "DEBUG": "0",
        "SECRET_KEY": "bench-only-secret-key-not-for-production-0123456789-abcdefghijkl",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        # Plain HTTP on loopback: no redirect to HTTPS, cookies sent without TLS.
        "SECURE_SSL_REDIRECT": "0",
        "SECURE_COOKIES": "0",
        # Measure the submission itself, not the rate limiter's refusals.
        "ASSESSMENT_RATE_LIMIT": "1000000/m",
        "ASSESSMENT_CLIENT_RATE_LIMIT": "1000000/m",
        "DATABASE_URL": f"sqlite:///{workdir / 'bench.sqlite3'}",
        "STATIC_ROOT": str(workdir / "staticfiles"),
        # The embedded default's cache, shared by the workers, in the run's own folder.
        "CACHE_DIR": str(workdir / "cache"),
        "LOG_LEVEL": "ERROR",
    }
    env.pop("REDIS_URL", None)
    env.update(overrides)
    return env


def prepare_site(env: dict[str, str]) -> dict[str, object]:
    """Collect static files, create the database and load the starting content."""
    code = (
        "from django.core.management import call_command\n"
        "call_command('collectstatic', interactive=False, verbosity=0)\n"
        "call_command('migrate', interactive=False, verbosity=0)\n"
        "call_command('load_content', verbosity=0)\n"
        "try:\n"
        "    from assessment.seeding import load_questions\n"
        "except ImportError:\n"
        "    print('assessment.seeding.load_questions not found: no questions loaded')\n"
        "else:\n"
        "    load_questions()\n"
    )
    started = time.monotonic()
    manage_py(env, "shell", "-c", code)
    return {"seconds": round(time.monotonic() - started, 1)}


def count_results(env: dict[str, str]) -> int | None:
    """How many assessment results the database holds (None when there is no such model)."""
    code = (
        "try:\n"
        "    from assessment.models import Result\n"
        "except ImportError:\n"
        "    print('COUNT none')\n"
        "else:\n"
        "    print('COUNT', Result.objects.count())\n"
    )
    output = manage_py(env, "shell", "-c", code)
    value = output.split("COUNT", 1)[1].split()[0]
    return None if value == "none" else int(value)


def manage_py(env: dict[str, str], *args: str) -> str:
    completed = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    if completed.returncode != 0:
        raise RuntimeError(f"manage.py {args[0]} failed:\n{completed.stderr[-3000:]}")
    return completed.stdout


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


class Gunicorn:
    """One gunicorn serving the site on loopback, in its own process group."""

    def __init__(self, env: dict[str, str], log_path: Path, name: str = "site"):
        self.name = name
        self.port = free_port()
        self.origin = f"http://{HOST}:{self.port}"
        self.log_path = log_path
        self.log = open(log_path, "w")  # noqa: SIM115 - closed in stop()
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "hcsite.wsgi",
                "--workers",
                str(WORKERS),
                "--bind",
                f"{HOST}:{self.port}",
                "--log-level",
                "warning",
                "--timeout",
                "30",
            ],
            cwd=REPO,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        _running.append(self)

    def wait_until_healthy(self, timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                break
            try:
                with urllib.request.urlopen(f"{self.origin}/healthz", timeout=2) as response:
                    if response.status == 200:
                        return
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                time.sleep(0.2)
        self.stop()
        raise RuntimeError(
            f"gunicorn ({self.name}) did not answer /healthz; its log:\n"
            + self.log_path.read_text()[-3000:]
        )

    def worker_cpu_seconds(self) -> float:
        """CPU time (user + system) that this gunicorn's workers have used so far."""
        ticks = 0
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except (OSError, IndexError):
                continue  # the process ended meanwhile
            # After the command name: state, ppid, ..., utime and stime are the 12th and 13th.
            if int(fields[1]) == self.process.pid:
                ticks += int(fields[11]) + int(fields[12])
        return ticks / os.sysconf("SC_CLK_TCK")

    def stop(self) -> None:
        if self.process.poll() is None:
            try:
                os.killpg(self.process.pid, signal.SIGTERM)
                self.process.wait(timeout=10)
            except ProcessLookupError:
                pass
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=5)
        self.log.close()
        if self in _running:
            _running.remove(self)


_running: list[Gunicorn] = []


def stop_all_servers() -> None:
    for server in list(_running):
        server.stop()


def _stop_on_signal(signum, frame):
    stop_all_servers()
    sys.exit(128 + signum)


atexit.register(stop_all_servers)
for _signal in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
    signal.signal(_signal, _stop_on_signal)

"""
gunicorn's settings for the site behind nginx (deploy/run-production starts both).

Everything comes from the environment. gunicorn listens on loopback only: the open
internet reaches it through nginx, which buffers whole requests first, so a slow client
never holds one of these workers.
"""

import ipaddress
import os
from pathlib import Path


def loopback_bind(address: str) -> str:
    """The address, if it is a unix socket or a loopback host:port; otherwise refuse it."""
    if address.startswith("unix:"):
        return address
    host, _, port = address.rpartition(":")
    try:
        is_loopback = ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        is_loopback = False
    if not (is_loopback and port.isdigit()):
        raise SystemExit(
            f"GUNICORN_BIND is {address!r}; it must be a unix socket (unix:/path) or a loopback "
            "address with a port, such as 127.0.0.1:8001. nginx is the only way in."
        )
    return address


run_dir = Path(os.environ.get("RUN_DIR", Path(__file__).resolve().parent.parent / "run"))

wsgi_app = "hcsite.wsgi:application"
chdir = str(Path(__file__).resolve().parent.parent)
bind = [loopback_bind(os.environ.get("GUNICORN_BIND", "127.0.0.1:8001"))]
workers = int(os.environ.get("WEB_CONCURRENCY", "4"))
# A worker busy for longer than this is killed and replaced.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "20"))
keepalive = 2
# Recycle workers now and then, so that no slow leak grows without end.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "5000"))
max_requests_jitter = max_requests // 10
accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
# One control socket per stack, not one per user shared by every gunicorn on the machine.
control_socket = str(run_dir / "gunicorn.ctl")

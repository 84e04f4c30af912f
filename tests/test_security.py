"""Security headers, cookies, admin brute-force protection and production checks."""

import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parent.parent
PRODUCTION_ENV = {
    "DEBUG": "0",
    "SECRET_KEY": "a-production-like-secret-key-with-plenty-of-entropy-0123456789-abcdefghij",
    "ALLOWED_HOSTS": "careers.example.org",
}


def run_manage(*args, **env):
    full_env = {
        k: v
        for k, v in os.environ.items()
        if k
        not in {
            "DJANGO_SETTINGS_MODULE",
            "SECURE_SSL_REDIRECT",
            "SECURE_COOKIES",
            # Set for the browser tests' own process only; the deploy check rightly refuses it.
            "DJANGO_ALLOW_ASYNC_UNSAFE",
        }
    }
    full_env.update(PRODUCTION_ENV, **env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=full_env,
        capture_output=True,
        text=True,
    )


def test_deploy_check_passes_with_production_settings():
    result = run_manage(
        "check", "--deploy", "--fail-level", "WARNING", REDIS_URL="redis://127.0.0.1:6379/15"
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_deploy_check_warns_when_instances_would_not_share_the_cache():
    result = run_manage("check", "--deploy")
    assert "roles.W002" in result.stdout + result.stderr
    assert "REDIS_URL" in result.stdout + result.stderr


def test_deploy_check_warns_when_the_cache_is_per_process(settings):
    from roles.checks import check_shared_cache

    settings.DEBUG = False
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "pages": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": ""},
    }
    assert [warning.id for warning in check_shared_cache(None)] == ["roles.W001"]
    settings.DEBUG = True
    assert check_shared_cache(None) == []


def test_production_settings_redirect_to_https_and_set_strict_transport_security():
    code = (
        "from django.conf import settings as s; "
        "print(s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS, s.SESSION_COOKIE_SECURE, "
        "s.CSRF_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY)"
    )
    result = run_manage("shell", "--no-imports", "-c", code)
    assert result.returncode == 0, result.stderr
    ssl_redirect, hsts, session_secure, csrf_secure, httponly = result.stdout.split()
    assert ssl_redirect == "True"
    assert int(hsts) >= 31536000
    assert session_secure == csrf_secure == httponly == "True"


def test_forwarded_proto_is_trusted_only_when_configured():
    code = (
        "from django.conf import settings as s; print(getattr(s, 'SECURE_PROXY_SSL_HEADER', None))"
    )
    assert run_manage("shell", "--no-imports", "-c", code).stdout.strip() == "None"
    trusted = run_manage(
        "shell", "--no-imports", "-c", code, TRUST_X_FORWARDED_PROTO="1"
    ).stdout.strip()
    assert trusted == "('HTTP_X_FORWARDED_PROTO', 'https')"


def test_responses_carry_a_strict_content_security_policy(client):
    response = client.get("/")
    policy = response.headers["Content-Security-Policy"]
    directives = dict(
        (part.strip().split(" ", 1) + [""])[:2] for part in policy.split(";") if part.strip()
    )
    # Nothing is allowed by default; each kind of resource the pages load is named on its own.
    assert directives == {
        "default-src": "'none'",
        "script-src": "'self'",
        "style-src": "'self'",
        "img-src": "'self' data:",
        "font-src": "'self'",
        "connect-src": "'self'",
        "base-uri": "'none'",
        "form-action": "'self'",
        "frame-ancestors": "'none'",
    }


def test_responses_carry_hardening_headers(client):
    response = client.get("/", secure=True)
    assert response.headers["Strict-Transport-Security"].startswith("max-age=31536000")
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"


def test_hsts_applies_behind_a_tls_terminating_proxy(client, settings):
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.SECURE_SSL_REDIRECT = True
    response = client.get("/healthz", headers={"x-forwarded-proto": "https"})
    assert response.status_code == 200
    assert "Strict-Transport-Security" in response.headers
    plain = client.get("/healthz", headers={"x-forwarded-proto": "http"})
    assert plain.status_code == 301
    assert plain.headers["Location"].startswith("https://")


def test_session_and_csrf_cookies_are_secure_httponly_and_samesite(client, superuser, settings):
    settings.SESSION_COOKIE_SECURE = True
    settings.CSRF_COOKIE_SECURE = True
    login_url = reverse("admin:login")
    client.get(login_url, secure=True)
    csrf = client.cookies["csrftoken"]
    assert csrf["secure"] and csrf["samesite"] == "Lax"
    response = client.post(
        login_url,
        {"username": "admin", "password": "a-long-test-password", "next": "/admin/"},
        secure=True,
    )
    assert response.status_code == 302
    session = response.cookies[settings.SESSION_COOKIE_NAME]
    assert session["secure"] and session["httponly"] and session["samesite"] == "Lax"


def attempt_login(client, password):
    return client.post(
        reverse("admin:login"),
        {"username": "admin", "password": password, "next": "/admin/"},
        REMOTE_ADDR="203.0.113.7",
    )


def test_admin_login_locks_out_after_repeated_failures(client, superuser, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        attempt_login(client, "wrong-password")
    response = attempt_login(client, "a-long-test-password")
    assert response.status_code == 429
    assert "Too many sign-in attempts" in response.content.decode()


def test_admin_lockout_ends_after_the_cool_off(client, superuser, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        attempt_login(client, "wrong-password")
    assert attempt_login(client, "a-long-test-password").status_code == 429
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(hours=1))
    response = attempt_login(client, "a-long-test-password")
    assert response.status_code == 302


def test_lockout_of_one_address_does_not_shut_out_the_editor_elsewhere(client, superuser, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        attempt_login(client, "wrong-password")
    response = client.post(
        reverse("admin:login"),
        {"username": "admin", "password": "a-long-test-password", "next": "/admin/"},
        REMOTE_ADDR="198.51.100.20",
    )
    assert response.status_code == 302


def test_passwords_shorter_than_twelve_characters_are_refused():
    with pytest.raises(ValidationError, match="at least 12"):
        validate_password("Short1pass!")
    validate_password("a-much-longer-passphrase")


def test_admin_url_prefix_is_configurable():
    code = "from django.urls import reverse; print(reverse('admin:index'))"
    result = run_manage("shell", "--no-imports", "-c", code, ADMIN_URL="editors-desk")
    assert result.stdout.strip() == "/editors-desk/"

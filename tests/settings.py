"""Settings for the test suite: production settings with test-friendly environment defaults."""

import atexit
import os
import shutil
import tempfile

os.environ.setdefault("SECRET_KEY", "test-suite-secret-key-not-for-production-use-0123456789")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")

from hcsite.settings import *  # noqa: E402,F403

# Fast hashing: the suite creates many users and never needs real password strength.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Tests read the files from STATICFILES_DIRS without running collectstatic first.
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Serve static files straight from the source folders, as runserver does.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# A content version of the run's own: another test run or `make serve` in the same checkout
# bumps the shared file whenever it edits content, which would empty this run's page cache.
if "CONTENT_VERSION_FILE" not in os.environ:
    _CONTENT_VERSION_DIR = tempfile.mkdtemp(prefix="hcsite-tests-")
    atexit.register(shutil.rmtree, _CONTENT_VERSION_DIR, ignore_errors=True)
    CONTENT_VERSION_FILE = os.path.join(_CONTENT_VERSION_DIR, "content-version")

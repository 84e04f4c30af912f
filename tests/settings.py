"""Settings for the test suite: production settings with test-friendly environment defaults."""

import atexit
import os
import shutil
import tempfile

os.environ.setdefault("SECRET_KEY", "test-suite-secret-key-not-for-production-use-0123456789")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")

# Cache folders of the run's own, which the servers it starts share: another test run or
# `make serve` in the same checkout would otherwise share (and empty) them.
if "CACHE_DIR" not in os.environ:
    os.environ["CACHE_DIR"] = tempfile.mkdtemp(prefix="hcsite-tests-")
    atexit.register(shutil.rmtree, os.environ["CACHE_DIR"], ignore_errors=True)

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

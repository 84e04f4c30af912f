"""Edits reach every worker: the content version is shared between processes."""

import subprocess
import sys
from pathlib import Path

import pytest

from roles.content_version import bump_content_version, content_version

from .factories import make_role

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def version_file(settings, tmp_path):
    settings.CONTENT_VERSION_FILE = str(tmp_path / "content-version")
    return settings.CONTENT_VERSION_FILE


def test_a_bump_in_another_process_changes_this_processs_version(version_file):
    before = content_version()
    code = (
        "import django; django.setup(); "
        "from roles.content_version import bump_content_version; bump_content_version()"
    )
    subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={
            **__import__("os").environ,
            "DJANGO_SETTINGS_MODULE": "tests.settings",
            "CONTENT_VERSION_FILE": version_file,
        },
        check=True,
    )
    assert content_version() != before


def test_bumping_changes_the_version(version_file):
    before = content_version()
    bump_content_version()
    assert content_version() != before


@pytest.mark.django_db
def test_saving_content_changes_the_version(version_file):
    before = content_version()
    make_role()
    assert content_version() != before


def test_with_a_shared_cache_the_version_lives_in_the_cache(settings):
    settings.CONTENT_VERSION_FILE = ""
    before = content_version()
    assert content_version() == before
    bump_content_version()
    assert content_version() != before


@pytest.mark.django_db
def test_an_edit_changes_the_version_again_once_it_is_committed(
    version_file, django_capture_on_commit_callbacks
):
    # A page rendered by another process between the save and the commit shows the rows
    # as they were; the second bump keeps that page from being served under the new version.
    with django_capture_on_commit_callbacks(execute=True):
        role = make_role()
        role.name = "Renamed"
        role.save()
        read_before_the_commit = content_version()
    assert content_version() != read_before_the_commit

"""
Static files as production serves them: collectstatic with the project's manifest
storage writes hashed names and compressed variants, and WhiteNoise serves the hashed
files compressed with far-future, immutable cache headers.
"""

import importlib.util
import json

import pytest
from django.conf import settings
from django.core.management import call_command
from django.template.loader import render_to_string
from django.test import Client, RequestFactory, override_settings

from hcsite import settings as project_settings

SITE_CSS = ("css/bootstrap.min.css", "css/site.css")
ONE_YEAR = 365 * 24 * 60 * 60


@pytest.fixture(scope="module")
def collected(tmp_path_factory):
    """collectstatic into a temporary STATIC_ROOT with the production storage; its manifest."""
    static_root = tmp_path_factory.mktemp("staticfiles")
    with override_settings(STATIC_ROOT=static_root, STORAGES=project_settings.STORAGES):
        call_command("collectstatic", interactive=False, verbosity=0)
    manifest = json.loads((static_root / "staticfiles.json").read_text())["paths"]
    return static_root, manifest


@pytest.fixture
def production_client(collected):
    """A client whose WhiteNoise serves the collected files, as gunicorn does in production."""
    static_root, _ = collected
    with override_settings(
        STATIC_ROOT=static_root,
        STORAGES=project_settings.STORAGES,
        WHITENOISE_USE_FINDERS=False,
        WHITENOISE_AUTOREFRESH=False,
    ):
        # A new client builds its middleware, so WhiteNoise reads these settings.
        yield Client()


def test_production_storage_hashes_and_compresses():
    backend = project_settings.STORAGES["staticfiles"]["BACKEND"]
    assert backend == "whitenoise.storage.CompressedManifestStaticFilesStorage"


@pytest.mark.parametrize("name", SITE_CSS)
def test_collectstatic_writes_a_hashed_copy_and_a_gzip_variant(collected, name):
    static_root, manifest = collected
    hashed = manifest[name]
    assert hashed != name
    assert (static_root / hashed).exists()
    assert (static_root / f"{hashed}.gz").exists()


@pytest.mark.parametrize("name", SITE_CSS)
def test_collectstatic_writes_a_brotli_variant(collected, name):
    assert importlib.util.find_spec("brotli"), (
        "WhiteNoise writes .br files only with the Brotli package: depend on whitenoise[brotli]"
    )
    static_root, manifest = collected
    assert (static_root / f"{manifest[name]}.br").exists()


@pytest.mark.parametrize("name", SITE_CSS)
def test_hashed_static_file_is_cached_for_a_year_or_more_and_immutable(
    production_client, collected, name
):
    _, manifest = collected
    response = production_client.get(f"{settings.STATIC_URL}{manifest[name]}")
    assert response.status_code == 200
    cache_control = dict(
        (part.strip().split("=") + [""])[:2] for part in response["Cache-Control"].split(",")
    )
    assert int(cache_control["max-age"]) >= ONE_YEAR
    assert "immutable" in cache_control and "public" in cache_control


def test_hashed_static_file_is_served_compressed(production_client, collected):
    _, manifest = collected
    response = production_client.get(
        f"{settings.STATIC_URL}{manifest['css/bootstrap.min.css']}", HTTP_ACCEPT_ENCODING="gzip"
    )
    assert response.status_code == 200
    assert response["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response["Vary"]


def test_unhashed_static_address_is_not_cached_for_long(production_client):
    # Only a hashed name changes with its content; the plain name must be re-checked soon,
    # or a deploy would leave browsers on the old file for as long as it was cached.
    response = production_client.get(f"{settings.STATIC_URL}css/site.css")
    assert response.status_code == 200
    assert "immutable" not in response["Cache-Control"]
    max_age = int(response["Cache-Control"].split("max-age=")[1].split(",")[0])
    assert max_age <= 60 * 60


def test_pages_link_the_hashed_stylesheets(collected):
    static_root, manifest = collected
    with override_settings(STATIC_ROOT=static_root, STORAGES=project_settings.STORAGES):
        html = render_to_string("base.html", request=RequestFactory().get("/"))
    for name in SITE_CSS:
        assert f'href="{settings.STATIC_URL}{manifest[name]}"' in html

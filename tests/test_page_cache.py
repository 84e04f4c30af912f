"""Anonymous visitors get public pages from the cache; every edit shows on the next request."""

import gzip
import json

import pytest
from django.conf import settings
from django.core.cache import caches
from django.core.management import call_command
from django.http import HttpResponse
from django.urls import reverse

from roles import page_cache
from roles.models import JobTitle, Responsibility, Role, Source
from roles.page_cache import PageCacheMiddleware
from roles.seeding import load_content

from .clients import BrowserClient
from .factories import make_role

pytestmark = pytest.mark.django_db

HEADLINE = "/compare/healthcare-management-vs-healthcare-administration/"


def test_cached_page_is_served_without_any_query(client, seeded, django_assert_num_queries):
    first = client.get(HEADLINE)
    with django_assert_num_queries(0):
        second = client.get(HEADLINE)
    assert second.status_code == 200
    assert second.content == first.content


def test_differences_view_is_cached_separately(client, seeded, django_assert_num_queries):
    full = client.get(HEADLINE)
    differences = client.get(HEADLINE + "?view=differences")
    with django_assert_num_queries(0):
        assert client.get(HEADLINE + "?view=differences").content == differences.content
    assert differences.content != full.content


@pytest.mark.parametrize(
    "query",
    [
        "?utm_source=newsletter&utm_medium=email",
        "?fbclid=abc123",
        "?gclid=xyz",
        "?anything=else",
        "?view=something-unknown",
    ],
)
def test_parameters_the_page_does_not_use_get_the_bare_pages_entry(
    client, seeded, query, django_assert_num_queries
):
    bare = client.get(HEADLINE)
    with django_assert_num_queries(0):
        tagged = client.get(HEADLINE + query)
    assert tagged.status_code == 200
    assert tagged.content == bare.content
    assert tagged["ETag"] == bare["ETag"]


def test_the_differences_view_keeps_its_entry_among_other_parameters(
    client, seeded, django_assert_num_queries
):
    differences = client.get(HEADLINE + "?view=differences")
    with django_assert_num_queries(0):
        tagged = client.get(HEADLINE + "?utm_source=x&view=differences")
    assert tagged.content == differences.content


def test_the_pickers_choices_are_answered_by_the_view_not_the_cache(client, seeded):
    client.get("/compare/")
    response = client.get(
        "/compare/", {"left": "healthcare-management", "right": "healthcare-administration"}
    )
    assert response.status_code == 302
    assert response["Location"] == HEADLINE


@pytest.mark.parametrize("host", ["TESTSERVER", "testserver:80", "TestServer:80"])
def test_the_host_is_normalised_in_the_key(client, seeded, host, django_assert_num_queries):
    client.get("/roles/")
    with django_assert_num_queries(0):
        assert client.get("/roles/", HTTP_HOST=host).status_code == 200


def test_a_host_outside_allowed_hosts_is_refused_not_cached(client, seeded):
    assert client.get("/roles/", HTTP_HOST="evil.example").status_code == 400


def test_a_script_name_a_client_sends_never_stores_a_page_under_another_address(client, seeded):
    # As gunicorn passes a SCRIPT_NAME request header: the home page asked for as /roles/.
    home = client.get("/", SCRIPT_NAME="/roles")
    assert home.status_code == 200
    role_list = client.get("/roles/")
    assert role_list.content != home.content


def test_admin_edit_shows_on_the_next_anonymous_request(seeded, superuser):
    visitor, editor = BrowserClient(), BrowserClient()
    editor.force_login(superuser)
    old_text = "Handle bills and insurance claims."
    assert old_text in visitor.get(HEADLINE).content.decode()

    duty = Responsibility.objects.get(text=old_text)
    response = editor.post(
        reverse("admin:roles_responsibility_change", args=[duty.pk]),
        {
            "role": duty.role_id,
            "category": duty.category,
            "text": "Handle billing, coding and insurance claims.",
            "display_order": duty.display_order,
            "sources": [source.pk for source in duty.sources.all()],
        },
    )
    assert response.status_code == 302

    page = visitor.get(HEADLINE).content.decode()
    assert "Handle billing, coding and insurance claims." in page
    assert old_text not in page


def test_newly_published_role_shows_at_once_after_a_404(client, seeded):
    draft = make_role(slug="new-path", is_published=False)
    assert client.get("/roles/new-path/").status_code == 404
    draft.is_published = True
    draft.save()
    assert client.get("/roles/new-path/").status_code == 200


# ------------------------------------------------------------------------------
# Every write path shows on the next request
# ------------------------------------------------------------------------------
ADMINISTRATION = "healthcare-administration"


@pytest.fixture
def visitor():
    return BrowserClient()


def test_unpublishing_with_queryset_update_shows_on_the_next_request(client, seeded):
    assert "Healthcare administration" in client.get("/roles/").content.decode()
    Role.objects.filter(slug=ADMINISTRATION).update(is_published=False)
    assert "Healthcare administration" not in client.get("/roles/").content.decode()


@pytest.mark.parametrize("action, published", [("unpublish", False), ("publish", True)])
def test_the_admins_publish_actions_show_on_the_next_request(
    visitor, admin_client, seeded, action, published
):
    role = Role.objects.get(slug=ADMINISTRATION)
    if published:
        Role.objects.filter(pk=role.pk).update(is_published=False)
    before = "Healthcare administration" in visitor.get("/roles/").content.decode()
    assert before is not published
    response = admin_client.post(
        reverse("admin:roles_role_changelist"),
        {"action": action, "_selected_action": [role.pk]},
    )
    assert response.status_code == 302
    after = "Healthcare administration" in visitor.get("/roles/").content.decode()
    assert after is published


def test_the_admins_delete_selected_shows_on_the_next_request(visitor, admin_client, seeded):
    title = JobTitle.objects.filter(role__slug=ADMINISTRATION).first()
    assert title.title in visitor.get(HEADLINE).content.decode()
    response = admin_client.post(
        reverse("admin:roles_jobtitle_changelist"),
        {"action": "delete_selected", "_selected_action": [title.pk], "post": "yes"},
    )
    assert response.status_code == 302
    assert title.title not in visitor.get(HEADLINE).content.decode()


def test_an_admin_delete_shows_on_the_next_request(visitor, admin_client, seeded):
    title = JobTitle.objects.filter(role__slug=ADMINISTRATION).first()
    assert title.title in visitor.get(HEADLINE).content.decode()
    response = admin_client.post(
        reverse("admin:roles_jobtitle_delete", args=[title.pk]), {"post": "yes"}
    )
    assert response.status_code == 302
    assert title.title not in visitor.get(HEADLINE).content.decode()


def test_bulk_create_in_code_shows_on_the_next_request(client, seeded):
    role = Role.objects.get(slug=ADMINISTRATION)
    client.get(HEADLINE)
    JobTitle.objects.bulk_create([JobTitle(role=role, title="Bulk-created coordinator")])
    assert "Bulk-created coordinator" in client.get(HEADLINE).content.decode()


def test_bulk_update_in_code_shows_on_the_next_request(client, seeded):
    title = JobTitle.objects.filter(role__slug=ADMINISTRATION).first()
    client.get(HEADLINE)
    title.title = "Bulk-updated coordinator"
    JobTitle.objects.bulk_update([title], ["title"])
    assert "Bulk-updated coordinator" in client.get(HEADLINE).content.decode()


def test_load_content_shows_on_the_next_request(client, db):
    assert "Healthcare management" not in client.get("/roles/").content.decode()
    load_content()
    assert "Healthcare management" in client.get("/roles/").content.decode()


def test_loaddata_shows_on_the_next_request(client, seeded, tmp_path):
    role = Role.objects.get(slug=ADMINISTRATION)
    client.get("/roles/")
    fixture = tmp_path / "rename.json"
    fields = {"name": "Health office administration", "slug": role.slug, "summary": role.summary}
    fields |= {"overview": role.overview, "scope": role.scope, "focus": role.focus}
    fields |= {"is_published": True, "last_reviewed": str(role.last_reviewed)}
    fields |= {"updated_at": role.updated_at.isoformat()}
    fixture.write_text(json.dumps([{"model": "roles.role", "pk": role.pk, "fields": fields}]))
    call_command("loaddata", str(fixture), verbosity=0)
    assert "Health office administration" in client.get("/roles/").content.decode()


def test_a_source_edit_in_code_shows_on_the_next_request(client, seeded):
    client.get(HEADLINE)
    Source.objects.filter(key="ctu-2020").update(title="A retitled article")
    assert "A retitled article" in client.get(HEADLINE).content.decode()


def test_an_edit_leaves_the_pages_behind_again_once_it_commits(
    seeded, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as on_commit:
        Role.objects.filter(slug=ADMINISTRATION).update(name="Renamed in a transaction")
    generation = page_cache.current_generation()
    for callback in on_commit:
        callback()
    assert page_cache.current_generation() != generation


# ------------------------------------------------------------------------------
# PageCacheMiddleware: hits answered before the rest of the stack, one gzipped copy
# ------------------------------------------------------------------------------
SECURITY_HEADERS = (
    "Content-Security-Policy",
    "X-Frame-Options",
    "X-Content-Type-Options",
    "Referrer-Policy",
    "Cross-Origin-Opener-Policy",
)


def test_cached_hit_carries_the_headers_of_the_first_response(client, seeded):
    first = client.get(HEADLINE)
    second = client.get(HEADLINE)
    for header in SECURITY_HEADERS:
        assert first[header], header
        assert second[header] == first[header], header
    assert second["Content-Type"] == first["Content-Type"]
    assert int(second["Content-Length"]) == len(second.content)


def test_cached_hit_is_answered_before_the_rest_of_the_stack(client, seeded):
    client.get("/roles/")
    reached = []
    middleware = PageCacheMiddleware(lambda request: reached.append(request))
    response = middleware(client.get("/roles/").wsgi_request)
    assert response.status_code == 200
    assert reached == []


def test_visitor_with_a_session_cookie_goes_through_the_stack(client, seeded):
    client.get("/roles/")
    client.cookies[settings.SESSION_COOKIE_NAME] = "a-session-that-does-not-exist"
    response = client.get("/roles/")
    assert response.status_code == 200
    assert response.wsgi_request.user.is_anonymous


def test_page_that_sets_a_cookie_is_never_kept_nor_marked_public(rf, db):
    calls = []

    def page_with_a_cookie(request):
        calls.append(request)
        response = HttpResponse(b"<p>page</p>" * 200)
        response.set_cookie("csrftoken", "someone-elses-token")
        return response

    # /roles/ is a cacheable address: the middleware would keep what this view answers.
    middleware = PageCacheMiddleware(page_with_a_cookie)
    for _ in range(2):
        response = middleware(rf.get("/roles/"))
        assert "public" not in response.get("Cache-Control", "")
        assert "csrftoken" in response.cookies
    assert len(calls) == 2


def test_a_public_response_never_sets_a_cookie(client, seeded):
    for _ in range(2):
        response = client.get(HEADLINE)
        assert "public" in response["Cache-Control"]
        assert not response.cookies


def test_pages_not_marked_cacheable_are_never_kept(client, seeded):
    client.get("/assessment/")
    assert "no-cache" in client.get("/assessment/")["Cache-Control"]


def test_one_gzipped_copy_is_stored_per_page(client, seeded):
    caches["pages"].clear()
    plain = client.get(HEADLINE, HTTP_ACCEPT_ENCODING="identity")
    zipped = client.get(HEADLINE, HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    generation = page_cache.current_generation()
    stored = [
        caches["pages"].get(key, version=generation)
        for key in [page_cache.page_key(plain.wsgi_request, page_cache.CachePolicy())]
    ]
    content, compressed, _ = stored[0]
    assert compressed
    assert gzip.decompress(content) == plain.content
    assert zipped.content == content


def test_cached_page_goes_out_gzipped_to_browsers_that_accept_it(client, seeded):
    plain = client.get(HEADLINE)
    caches["pages"].clear()
    first = client.get(HEADLINE, HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    again = client.get(HEADLINE, HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    for zipped in (first, again):
        assert zipped["Content-Encoding"] == "gzip"
        assert int(zipped["Content-Length"]) == len(zipped.content) < len(plain.content) / 3
        assert gzip.decompress(zipped.content) == plain.content
        assert "Accept-Encoding" in zipped["Vary"]
        assert zipped["ETag"] == plain["ETag"]


@pytest.mark.parametrize("accept", ["identity", "gzip;q=0", "gzip;q=0, deflate", "*;q=0", ""])
def test_browser_that_refuses_gzip_gets_the_plain_page(client, seeded, accept):
    client.get(HEADLINE, HTTP_ACCEPT_ENCODING="gzip")
    response = client.get(HEADLINE, HTTP_ACCEPT_ENCODING=accept)
    assert not response.has_header("Content-Encoding")
    assert b"<table" in response.content
    assert "Accept-Encoding" in response["Vary"]


@pytest.mark.parametrize("accept", ["gzip", "GZIP;q=0.5", "br, gzip;q=1.0", "*"])
def test_accepts_gzip_reads_the_quality_values(accept):
    assert page_cache.accepts_gzip(accept)


def test_no_page_is_kept_when_the_page_cache_is_off(client, seeded, settings):
    settings.PAGE_CACHE_SECONDS = 0
    client.get(HEADLINE)
    assert client.get(HEADLINE).status_code == 200
    generation = page_cache.current_generation()
    key = page_cache.page_key(client.get(HEADLINE).wsgi_request, page_cache.CachePolicy())
    assert caches["pages"].get(key, version=generation) is None

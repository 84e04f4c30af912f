"""Anonymous visitors get public pages from the cache; every edit shows on the next request."""

import gzip

import pytest
from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.test import Client
from django.urls import reverse

from roles import page_cache
from roles.models import Responsibility, Role
from roles.page_cache import PageCacheMiddleware, page_key

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


def test_unsupported_query_strings_are_rendered_afresh_not_stored(client, seeded):
    client.get(HEADLINE)
    response = client.get(HEADLINE, {"utm_source": "newsletter"})
    assert response.status_code == 200
    assert "ETag" not in response


def test_admin_edit_shows_on_the_next_anonymous_request(seeded, superuser):
    visitor, editor = Client(), Client()
    editor.force_login(superuser)
    old_text = "Handle billing and insurance claims."
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


def test_unpublished_role_disappears_from_cached_pages(client, seeded):
    assert "Healthcare administration" in client.get("/roles/").content.decode()
    Role.objects.filter(slug="healthcare-administration").update(is_published=False)
    # update() sends no signal; an edit through the admin (a save) does.
    Role.objects.get(slug="healthcare-administration").save()
    assert "Healthcare administration" not in client.get("/roles/").content.decode()


def test_public_page_sends_etag_and_public_revalidation(client, seeded):
    response = client.get("/roles/")
    assert response["ETag"].startswith('W/"')
    cache_control = response["Cache-Control"]
    assert "public" in cache_control and "must-revalidate" in cache_control
    assert "Cookie" in response["Vary"]


def test_matching_if_none_match_answers_304_without_queries(
    client, seeded, django_assert_num_queries
):
    etag = client.get(HEADLINE)["ETag"]
    with django_assert_num_queries(0):
        response = client.get(HEADLINE, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304
    assert response["ETag"] == etag
    assert response.content == b""


def test_etag_changes_when_content_changes(client, seeded):
    etag = client.get(HEADLINE)["ETag"]
    Responsibility.objects.first().save()
    response = client.get(HEADLINE, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200
    assert response["ETag"] != etag


def test_etag_differs_between_pages_and_views(client, seeded):
    etags = {
        client.get(url)["ETag"]
        for url in ["/", "/roles/", HEADLINE, HEADLINE + "?view=differences"]
    }
    assert len(etags) == 4


def test_staff_responses_are_private_and_never_cached(admin_client, seeded):
    response = admin_client.get("/roles/")
    assert "private" in response["Cache-Control"]
    assert "no-store" in response["Cache-Control"]
    assert "ETag" not in response


def test_staff_page_is_not_served_to_anonymous_visitors(admin_client, seeded):
    draft = make_role(slug="staff-only", name="Staff-only preview", is_published=False)
    assert admin_client.get(draft.get_absolute_url()).status_code == 200
    assert Client().get(draft.get_absolute_url()).status_code == 404


def test_anonymous_visitor_with_a_stale_session_cookie_still_gets_the_cache(
    seeded, django_assert_max_num_queries
):
    visitor = Client()
    visitor.cookies[settings.SESSION_COOKIE_NAME] = "not-a-real-session"
    visitor.get("/degrees/")
    with django_assert_max_num_queries(1):  # the session lookup only
        response = visitor.get("/degrees/")
    assert response.status_code == 200
    assert "public" in response["Cache-Control"]


def test_head_request_is_served_from_the_cache(client, seeded, django_assert_num_queries):
    client.get("/degrees/")
    with django_assert_num_queries(0):
        response = client.head("/degrees/")
    assert response.status_code == 200


def test_post_to_a_public_page_is_refused(client, seeded):
    assert client.post("/roles/").status_code == 405


def test_cached_sitemap_keeps_its_content_type(client, seeded):
    client.get("/sitemap.xml")
    response = client.get("/sitemap.xml")
    assert response["Content-Type"].startswith("application/xml")


# ------------------------------------------------------------------------------
# PageCacheMiddleware: hits answered before the rest of the stack, gzip, what is kept
# ------------------------------------------------------------------------------
SECURITY_HEADERS = (
    "Content-Security-Policy",
    "X-Frame-Options",
    "X-Content-Type-Options",
    "Referrer-Policy",
    "Cross-Origin-Opener-Policy",
)


def marked_page(request):
    """A page as cache_public_page leaves it for the middleware to keep."""
    response = HttpResponse(b"<p>page</p>" * 200)
    response.page_cache_key = page_key(request, "")
    return response


def middleware_over(respond):
    """PageCacheMiddleware in front of `respond`, and the requests that reached `respond`."""
    calls = []

    def rest_of_the_stack(request):
        calls.append(request)
        return respond(request)

    return PageCacheMiddleware(rest_of_the_stack), calls


def test_cached_hit_carries_the_headers_of_the_first_response(client, seeded):
    first = client.get(HEADLINE)
    second = client.get(HEADLINE)
    for header in SECURITY_HEADERS:
        assert first[header], header
        assert second[header] == first[header], header
    assert second["Content-Type"] == first["Content-Type"]
    assert int(second["Content-Length"]) == len(second.content)


def test_cached_hit_is_answered_before_the_rest_of_the_stack(rf):
    middleware, calls = middleware_over(marked_page)
    first = middleware(rf.get("/some/page/"))
    second = middleware(rf.get("/some/page/"))
    assert len(calls) == 1
    assert second.content == first.content


def test_visitor_with_a_session_cookie_goes_through_the_stack(rf):
    middleware, calls = middleware_over(marked_page)
    middleware(rf.get("/some/page/"))
    signed_in = rf.get("/some/page/")
    signed_in.COOKIES[settings.SESSION_COOKIE_NAME] = "a-session"
    middleware(signed_in)
    assert len(calls) == 2


def test_page_that_sets_a_cookie_is_never_kept(rf):
    def page_with_a_cookie(request):
        response = marked_page(request)
        response.set_cookie("csrftoken", "someone-elses-token")
        return response

    middleware, calls = middleware_over(page_with_a_cookie)
    middleware(rf.get("/form/page/"))
    middleware(rf.get("/form/page/"))
    assert len(calls) == 2


def test_unmarked_responses_are_never_kept(rf):
    middleware, calls = middleware_over(lambda request: HttpResponse(b"private" * 500))
    middleware(rf.get("/assessment/"))
    middleware(rf.get("/assessment/"))
    assert len(calls) == 2


def test_cached_page_goes_out_gzipped_to_browsers_that_accept_it(client, seeded):
    plain = client.get(HEADLINE)
    cache.clear()
    first = client.get(HEADLINE, HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    again = client.get(HEADLINE, HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    for zipped in (first, again):
        assert zipped["Content-Encoding"] == "gzip"
        assert int(zipped["Content-Length"]) == len(zipped.content) < len(plain.content) / 3
        assert gzip.decompress(zipped.content) == plain.content
        assert "Accept-Encoding" in zipped["Vary"]
        assert zipped["ETag"] == plain["ETag"]


def test_browser_without_gzip_gets_the_plain_page(client, seeded):
    client.get(HEADLINE, HTTP_ACCEPT_ENCODING="gzip")
    response = client.get(HEADLINE, HTTP_ACCEPT_ENCODING="identity")
    assert not response.has_header("Content-Encoding")
    assert b"<table" in response.content
    assert "Accept-Encoding" in response["Vary"]


def test_no_page_is_kept_when_the_page_cache_is_off(client, seeded, settings, monkeypatch):
    settings.PAGE_CACHE_SECONDS = 0
    kept = []
    monkeypatch.setattr(page_cache, "store", lambda *args: kept.append(args))
    assert client.get(HEADLINE).status_code == 200
    assert client.get(HEADLINE).status_code == 200
    assert kept == []

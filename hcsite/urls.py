from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path

from roles.page_cache import PageNumbers, cache_public_page
from roles.sitemaps import SITEMAPS
from roles.views import robots_txt

from . import views

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("readyz", views.readyz, name="readyz"),
    path(settings.ADMIN_URL, admin.site.urls),
    path("assessment/", include("assessment.urls")),
    # The index is the entry point; each section is split into pages of at most
    # Sitemap.limit addresses, so none is dropped however many comparisons there are.
    path(
        "sitemap.xml",
        cache_public_page(sitemap_views.index),
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap_section"},
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        cache_public_page(sitemap_views.sitemap, variants={"p": PageNumbers()}),
        {"sitemaps": SITEMAPS},
        name="sitemap_section",
    ),
    path("robots.txt", robots_txt, name="robots_txt"),
    path("", include("roles.urls")),
]

handler400 = views.bad_request
handler500 = views.server_error

admin.site.site_header = "Healthcare careers: content"
admin.site.site_title = "Healthcare careers admin"
admin.site.index_title = "Content"

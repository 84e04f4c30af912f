from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from roles.page_cache import cache_public_page
from roles.sitemaps import SITEMAPS
from roles.views import robots_txt

from . import views

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path(settings.ADMIN_URL, admin.site.urls),
    path("assessment/", include("assessment.urls")),
    path(
        "sitemap.xml",
        cache_public_page(sitemap),
        {"sitemaps": SITEMAPS},
        name="sitemap",
    ),
    path("robots.txt", robots_txt, name="robots_txt"),
    path("", include("roles.urls")),
]

admin.site.site_header = "Healthcare careers: content"
admin.site.site_title = "Healthcare careers admin"
admin.site.index_title = "Content"

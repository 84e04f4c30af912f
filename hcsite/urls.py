from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from . import views

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path(settings.ADMIN_URL, admin.site.urls),
    path("assessment/", include("assessment.urls")),
    path("", include("roles.urls")),
]

admin.site.site_header = "Healthcare careers: content"
admin.site.site_title = "Healthcare careers admin"
admin.site.index_title = "Content"

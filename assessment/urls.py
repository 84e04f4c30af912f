from django.urls import path, re_path

from . import views
from .models import TOKEN_LENGTH

app_name = "assessment"

urlpatterns = [
    path("", views.assessment_form, name="form"),
    path("how-it-works/", views.how_it_works, name="how_it_works"),
    # Only strings that could be a result token reach the view; anything else is a 404.
    re_path(
        rf"^results/(?P<token>[A-Za-z0-9_-]{{{TOKEN_LENGTH}}})/\Z",
        views.result_detail,
        name="result",
    ),
]

from django.urls import path, register_converter

from . import views
from .models import TOKEN_LENGTH


class ResultTokenConverter:
    """Only strings that could be a result token reach the view; anything else is a 404."""

    regex = f"[A-Za-z0-9_-]{{{TOKEN_LENGTH}}}"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(ResultTokenConverter, "result_token")

app_name = "assessment"

urlpatterns = [
    path("", views.assessment_form, name="form"),
    path("how-it-works/", views.how_it_works, name="how_it_works"),
    path("results/<result_token:token>/", views.result_detail, name="result"),
]

from django.urls import path

from . import views

app_name = "roles"

urlpatterns = [
    path("", views.home, name="home"),
    path("roles/", views.role_list, name="list"),
    path("roles/<slug:slug>/", views.role_detail, name="detail"),
    path("compare/", views.compare_picker, name="compare_picker"),
    path("compare/<slug:pair>/", views.compare, name="compare"),
    path("compare/<slug:pair>/handout/", views.compare_handout, name="handout"),
    path("degrees/", views.degree_list, name="degrees"),
    path("glossary/", views.glossary, name="glossary"),
    path("faq/", views.faq, name="faq"),
]

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from roles.models import Role, RoleSkill, Skill

from .factories import make_full_role, make_program, make_role, make_role_skill, make_skill

pytestmark = pytest.mark.django_db


def test_role_slug_must_be_unique():
    make_role(slug="nursing-management")
    with pytest.raises(IntegrityError), transaction.atomic():
        make_role(slug="nursing-management")


def test_database_refuses_a_role_slug_containing_vs():
    with pytest.raises(IntegrityError), transaction.atomic():
        make_role(slug="management-vs-administration")


def test_model_validation_explains_why_vs_is_refused_in_a_slug():
    role = Role(
        name="X",
        slug="a-vs-b",
        summary="s",
        overview="o",
        scope=Role.Scope.DEPARTMENT,
        focus=Role.Focus.OPERATIONAL,
    )
    with pytest.raises(ValidationError) as error:
        role.full_clean()
    assert "-vs-" in str(error.value.message_dict["slug"])


def test_a_skill_is_linked_to_a_role_only_once():
    role, skill = make_role(), make_skill()
    make_role_skill(role, skill)
    with pytest.raises(IntegrityError), transaction.atomic():
        RoleSkill.objects.create(role=role, skill=skill)


def test_skill_names_are_unique_ignoring_case():
    make_skill(name="Leadership")
    with pytest.raises(IntegrityError), transaction.atomic():
        make_skill(name="leadership")


def test_skill_in_use_cannot_be_deleted_from_under_a_role():
    skill = make_skill()
    make_role_skill(make_role(), skill)
    with pytest.raises(Exception, match="protected"):
        skill.delete()
    assert Skill.objects.filter(pk=skill.pk).exists()


def test_published_queryset_leaves_out_drafts():
    published = make_role(is_published=True)
    make_role(is_published=False)
    assert list(Role.objects.published()) == [published]


def test_role_str_and_absolute_url():
    role = make_role(name="Healthcare management", slug="healthcare-management")
    assert str(role) == "Healthcare management"
    assert role.get_absolute_url() == "/roles/healthcare-management/"


def test_degree_programs_order_by_level():
    doctorate = make_program(level=50)
    certificate = make_program(level=10)
    bachelor = make_program(level=30)
    from roles.models import DegreeProgram

    assert list(DegreeProgram.objects.all()) == [certificate, bachelor, doctorate]


def test_overview_paragraphs_split_on_blank_lines():
    role = make_role(overview="First paragraph.\n\nSecond paragraph.\n\n\n")
    assert role.overview_paragraphs == ["First paragraph.", "Second paragraph."]


def test_every_fact_of_a_full_role_cites_a_source():
    role = make_full_role()
    for related in ("responsibilities", "role_skills", "job_titles", "work_settings"):
        for item in getattr(role, related).all():
            assert item.sources.exists(), related

"""The selectors read the content as it is now, and give back what the ORM itself finds."""

import pytest

from roles import selectors
from roles.models import ProgramPathway, Role, RoleSkill, SourceNote

from .factories import make_full_role, make_note, make_responsibility, make_role

pytestmark = pytest.mark.django_db

HEADLINE = "/compare/healthcare-management-vs-healthcare-administration/"


def fields_of(objects):
    return [
        {f.attname: getattr(obj, f.attname) for f in type(obj)._meta.concrete_fields}
        for obj in objects
    ]


def test_comparison_shows_an_edit_made_after_it_was_first_rendered(client, seeded, settings):
    settings.PAGE_CACHE_SECONDS = 0
    assert "Negotiate with insurers" not in client.get(HEADLINE).content.decode()
    role = Role.objects.get(slug="healthcare-management")
    make_responsibility(role, text="Negotiate with insurers.")
    role.name = "Health services management"
    role.save()
    html = client.get(HEADLINE).content.decode()
    assert "Negotiate with insurers." in html
    assert "Health services management vs Healthcare administration" in html


def test_published_roles_are_the_ones_the_orm_finds(seeded):
    make_role(is_published=False)
    expected = Role.objects.published().order_by(*selectors.CANONICAL_ROLE_ORDER)
    assert fields_of(selectors.published_roles()) == fields_of(expected)


@pytest.mark.parametrize("role_count", [1, 2, 3])
def test_profiles_hold_what_the_orm_finds_for_any_number_of_roles(db, role_count):
    roles = [make_full_role() for _ in range(role_count)]
    make_full_role()  # another role's content stays out
    profiles = selectors.role_profiles(roles=roles)
    for role, profile in zip(roles, profiles, strict=True):
        skills = RoleSkill.objects.filter(role=role).select_related("skill")
        assert fields_of(profile.skills) == fields_of(skills)
        assert fields_of(s.skill for s in profile.skills) == fields_of(s.skill for s in skills)
        pathways = ProgramPathway.objects.filter(role=role).select_related("program")
        assert fields_of(profile.pathways) == fields_of(pathways)
        assert fields_of(p.program for p in profile.pathways) == fields_of(
            p.program for p in pathways
        )
        assert [s.key for s in profile.sources] == [s.key for s in role.sources.all()]
        assert [r.text for r in profile.responsibilities] == [
            r.text for r in role.responsibilities.all()
        ]


def test_shared_notes_are_those_linked_to_every_role(db):
    first, second, third = make_role(), make_role(), make_role()
    shared = make_note(roles=[first, second])
    make_note(roles=[first])
    make_note(roles=[first, second], is_published=False)
    make_note(roles=[first, second, third], title="All three")
    notes = selectors.shared_source_notes(roles=[first, second])
    assert [n.title for n in notes] == sorted([shared.title, "All three"])
    assert fields_of(notes) == fields_of(
        SourceNote.objects.published().filter(roles=first).filter(roles=second)
    )
    three = selectors.shared_source_notes(roles=[first, second, third])
    assert [n.title for n in three] == ["All three"]


def test_profiles_of_no_roles_are_empty(db):
    make_full_role()
    assert selectors.role_profiles(roles=[]) == []

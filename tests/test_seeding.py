import pytest
from django.core.management import call_command

from roles.models import (
    Credential,
    DegreeProgram,
    JobTitle,
    ProgramPathway,
    Responsibility,
    Role,
    RoleSkill,
    SeededItem,
    Skill,
    Source,
    SourceNote,
    WorkSetting,
)
from roles.seeding import load_content, read_fixture

pytestmark = pytest.mark.django_db

CONTENT_MODELS = [
    Source,
    Role,
    Responsibility,
    Skill,
    RoleSkill,
    JobTitle,
    WorkSetting,
    DegreeProgram,
    ProgramPathway,
    SourceNote,
]


def counts():
    return {model.__name__: model.objects.count() for model in CONTENT_MODELS}


def test_seeding_creates_both_published_paths_with_contract_slugs(seeded):
    slugs = set(Role.objects.published().values_list("slug", flat=True))
    assert slugs == {"healthcare-management", "healthcare-administration"}


def test_seeding_twice_gives_the_same_counts():
    load_content()
    first = counts()
    assert all(first.values()), first
    load_content()
    assert counts() == first


def test_seeding_again_keeps_an_editors_change():
    load_content()
    responsibility = Responsibility.objects.filter(role__slug="healthcare-management").first()
    responsibility.text = "Edited by an editor."
    responsibility.save()
    role = Role.objects.get(slug="healthcare-administration")
    role.summary = "An editor's summary."
    role.save()

    load_content()

    responsibility.refresh_from_db()
    role.refresh_from_db()
    assert responsibility.text == "Edited by an editor."
    assert role.summary == "An editor's summary."
    assert not Responsibility.objects.filter(text="Edited by an editor.").count() > 1


def test_seeding_again_does_not_bring_back_what_an_editor_deleted():
    load_content()
    JobTitle.objects.filter(title="Hospital CEO").delete()
    load_content()
    assert not JobTitle.objects.filter(title="Hospital CEO").exists()


def test_seeding_adds_new_fixture_entries_on_a_later_run():
    data = read_fixture()
    load_content(data)
    data["skills"].append(
        {"slug": "negotiation", "name": "Negotiation", "kind": "soft", "description": ""}
    )
    created = load_content(data)
    assert Skill.objects.filter(slug="negotiation").exists()
    assert sum(created.values()) == 1


def test_every_seeded_fact_cites_a_source(seeded):
    for model in (Responsibility, RoleSkill, JobTitle, WorkSetting, ProgramPathway, SourceNote):
        uncited = model.objects.filter(sources__isnull=True)
        assert not uncited.exists(), f"{model.__name__} without a source: {list(uncited)}"
    assert not DegreeProgram.objects.filter(sources__isnull=True).exists()
    assert not Role.objects.filter(sources__isnull=True).exists()


def test_seeded_content_covers_both_articles_facts(seeded):
    management = Role.objects.get(slug="healthcare-management")
    administration = Role.objects.get(slug="healthcare-administration")
    assert management.scope == Role.Scope.ORGANIZATION
    assert administration.scope == Role.Scope.DEPARTMENT
    assert not management.direct_patient_care and not administration.direct_patient_care
    titles = set(JobTitle.objects.values_list("title", flat=True))
    assert {"Hospital administrator", "Medical practice manager", "Hospital CEO"} <= titles
    assert {"Clinic manager", "Department head", "Healthcare office manager"} <= titles
    assert set(DegreeProgram.objects.values_list("level", flat=True)) == {20, 30, 40, 50}
    assert Credential.objects.filter(abbreviation="CMAA", kind="certification").exists()
    shared = Skill.objects.filter(role_skills__role=management).filter(
        role_skills__role=administration
    )
    assert shared.filter(slug="interpersonal-communication").exists()


def test_seeded_content_records_where_sources_differ_and_overlap(seeded):
    kinds = set(SourceNote.objects.values_list("kind", flat=True))
    assert {"differ", "overlap"} <= kinds
    note = SourceNote.objects.get(title__startswith="Job titles do not reliably")
    assert "hospital administrator" in note.body.lower()
    assert "medical practice manager" in note.body.lower()


def test_load_content_command_reports_what_it_did(capsys):
    call_command("load_content")
    assert "Loaded" in capsys.readouterr().out
    call_command("load_content")
    assert "nothing new" in capsys.readouterr().out
    assert SeededItem.objects.count() > 0

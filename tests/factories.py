"""Small factories for test data: each call makes a valid row with unique values."""

import itertools

from roles.models import (
    DegreeProgram,
    JobTitle,
    ProgramPathway,
    Responsibility,
    Role,
    RoleSkill,
    Skill,
    Source,
    SourceNote,
    WorkSetting,
)

_counter = itertools.count(1)


def make_source(**fields):
    n = next(_counter)
    defaults = {"key": f"source-{n}", "title": f"Source {n}", "publisher": "Publisher"}
    return Source.objects.create(**{**defaults, **fields})


def make_role(**fields):
    n = next(_counter)
    defaults = {
        "name": f"Role {n}",
        "slug": f"role-{n}",
        "summary": f"Summary of role {n}.",
        "overview": f"Overview of role {n}.",
        "scope": Role.Scope.DEPARTMENT,
        "focus": Role.Focus.OPERATIONAL,
        "is_published": True,
        "display_order": n,
    }
    return Role.objects.create(**{**defaults, **fields})


def make_responsibility(role, **fields):
    n = next(_counter)
    defaults = {"category": Responsibility.Category.OPERATIONS, "text": f"Responsibility {n}"}
    return Responsibility.objects.create(role=role, **{**defaults, **fields})


def make_skill(**fields):
    n = next(_counter)
    defaults = {"name": f"Skill {n}", "slug": f"skill-{n}", "kind": Skill.Kind.SOFT}
    return Skill.objects.create(**{**defaults, **fields})


def make_role_skill(role, skill=None, **fields):
    return RoleSkill.objects.create(role=role, skill=skill or make_skill(), **fields)


def make_job_title(role, **fields):
    n = next(_counter)
    return JobTitle.objects.create(role=role, **{"title": f"Job title {n}", **fields})


def make_work_setting(role, **fields):
    n = next(_counter)
    return WorkSetting.objects.create(role=role, **{"name": f"Setting {n}", **fields})


def make_program(roles=(), relation=ProgramPathway.Relation.ENTRY, **fields):
    n = next(_counter)
    defaults = {
        "name": f"Program {n}",
        "slug": f"program-{n}",
        "level": DegreeProgram.Level.BACHELOR,
        "description": f"Description of program {n}.",
    }
    program = DegreeProgram.objects.create(**{**defaults, **fields})
    for role in roles:
        ProgramPathway.objects.create(program=program, role=role, relation=relation)
    return program


def make_note(roles=(), **fields):
    n = next(_counter)
    defaults = {"kind": SourceNote.Kind.DIFFER, "title": f"Note {n}", "body": f"Body {n}."}
    note = SourceNote.objects.create(**{**defaults, **fields})
    note.roles.set(roles)
    return note


def make_full_role(**fields):
    """A role with one of everything, each citing a source."""
    source = make_source()
    role = make_role(**fields)
    role.sources.add(source)
    for item in (
        make_responsibility(role),
        make_role_skill(role),
        make_job_title(role),
        make_work_setting(role),
    ):
        item.sources.add(source)
    make_program(roles=[role]).sources.add(source)
    return role

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


def make_tenfold_content():
    """
    Ten times the seeded content, for query budgets: eighteen more published roles (twenty
    in all), each as full as a seeded role, and ten times the responsibilities, skills, job
    titles and work settings on the roles that already exist; ten times the degree programs,
    notes and sources too. Rows are bulk-created, so this takes a second, not a minute.
    """
    from roles.models import Role as RoleModel

    sources = [make_source() for _ in range(40)]
    existing = set(RoleModel.objects.values_list("pk", flat=True))
    for _ in range(18):
        make_role(summary="A synthetic role with plenty of content.")
    roles = list(RoleModel.objects.all())
    categories = [value for value, _ in Responsibility.Category.choices]
    kinds = [value for value, _ in Skill.Kind.choices]
    skills = Skill.objects.bulk_create(
        Skill(name=f"Bulk skill {n}", slug=f"bulk-skill-{n}", kind=kinds[n % len(kinds)])
        for n in range(190)
    )

    def cite(model, items, field):
        model.sources.through.objects.bulk_create(
            model.sources.through(**{f"{field}_id": item.pk, "source_id": sources[n % 40].pk})
            for n, item in enumerate(items)
        )

    for r, role in enumerate(roles):
        scale = 10 if role.pk in existing else 1
        items = Responsibility.objects.bulk_create(
            Responsibility(
                role=role, category=categories[n % len(categories)], text=f"Duty {r}-{n}"
            )
            for n in range(16 * scale)
        )
        cite(Responsibility, items, "responsibility")
        taken = set(role.role_skills.values_list("skill_id", flat=True))
        items = RoleSkill.objects.bulk_create(
            RoleSkill(role=role, skill=skill, importance=1 + n % 3, note=f"Note {n}")
            for n, skill in enumerate(s for s in skills[r : 12 * scale + r] if s.pk not in taken)
        )
        cite(RoleSkill, items, "roleskill")
        items = JobTitle.objects.bulk_create(
            JobTitle(role=role, title=f"Title {r}-{n}", note="Placed differently.")
            for n in range(7 * scale)
        )
        cite(JobTitle, items, "jobtitle")
        items = WorkSetting.objects.bulk_create(
            WorkSetting(role=role, name=f"Setting {r}-{n}") for n in range(5 * scale)
        )
        cite(WorkSetting, items, "worksetting")
        role.sources.add(*sources[r : r + 3])

    levels = [value for value, _ in DegreeProgram.Level.choices]
    relations = [value for value, _ in ProgramPathway.Relation.choices]
    programs = DegreeProgram.objects.bulk_create(
        DegreeProgram(
            name=f"Bulk program {n}",
            slug=f"bulk-program-{n}",
            level=levels[n % len(levels)],
            description="A synthetic program.",
        )
        for n in range(80)
    )
    ProgramPathway.objects.bulk_create(
        ProgramPathway(program=program, role=role, relation=relations[(n + r) % len(relations)])
        for n, program in enumerate(programs)
        for r, role in enumerate(roles)
        if (n + r) % 4 == 0
    )
    cite(DegreeProgram, programs, "degreeprogram")
    for n in range(80):
        make_note(roles=roles[n % 20 : n % 20 + 3] + roles[:2], kind=SourceNote.Kind.OVERLAP)


def question_change_data(question, **changes) -> dict:
    """The admin change form for `question` as it stands, with `changes` to its fields."""
    weights = list(question.weights.all())
    data = {
        "statement": question.statement,
        "hint": question.hint,
        "display_order": str(question.display_order),
        "is_active": "on",
        "weights-TOTAL_FORMS": str(len(weights)),
        "weights-INITIAL_FORMS": str(len(weights)),
        "weights-MIN_NUM_FORMS": "0",
        "weights-MAX_NUM_FORMS": "1000",
    }
    for index, weight in enumerate(weights):
        data[f"weights-{index}-id"] = weight.pk
        data[f"weights-{index}-question"] = question.pk
        data[f"weights-{index}-role"] = weight.role_id
        data[f"weights-{index}-weight"] = str(weight.weight)
    return {**data, **changes}

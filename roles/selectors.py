"""
The database work behind the public pages, in one place.

Every function here runs a fixed number of queries, however much content there is, so that
each page stays within its budget of six queries (tests/test_pages_budget.py proves it at
one and ten times the seeded content). Only published content comes out of these functions,
except where a caller asks for a staff preview of one draft role.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field

from django.db.models import CharField, Prefetch, QuerySet, Value

from .compiled_queries import fields_of, loaded, loaded_instance, run_compiled, with_related
from .models import (
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

CANONICAL_ROLE_ORDER = ("display_order", "slug")


@dataclass(frozen=True)
class Group:
    """Items under one heading, e.g. the responsibilities in one category."""

    key: str
    label: str
    items: list


@dataclass(frozen=True)
class RoleProfile:
    """One role with everything its page and its comparisons show."""

    role: Role
    responsibilities: list[Responsibility]
    skills: list[RoleSkill]
    job_titles: list[JobTitle]
    work_settings: list[WorkSetting]
    pathways: list[ProgramPathway]
    sources: list[Source]
    # {source note id: [Source, ...]} for the published notes linked to this role.
    note_citations: dict[int, list[Source]] = field(default_factory=dict)

    @property
    def responsibilities_by_category(self) -> list[Group]:
        return group_by_choices(
            self.responsibilities, Responsibility.Category, key=lambda item: item.category
        )

    @property
    def skills_by_kind(self) -> list[Group]:
        return group_by_choices(self.skills, Skill.Kind, key=lambda item: item.skill.kind)

    @property
    def entry_pathways(self) -> list[ProgramPathway]:
        return [p for p in self.pathways if p.relation == ProgramPathway.Relation.ENTRY]


def group_by_choices(items, choices, *, key) -> list[Group]:
    """Items grouped in the order the choices are declared; empty groups are left out."""
    groups = [Group(value, label, []) for value, label in choices.choices]
    by_value = {group.key: group for group in groups}
    for item in items:
        by_value[key(item)].items.append(item)
    return [group for group in groups if group.items]


# ------------------------------------------------------------------------------
# Roles
# ------------------------------------------------------------------------------
def published_roles() -> list[Role]:
    """Every published role in canonical order (display order, then slug). One query."""
    return [loaded_instance(Role, row) for row in run_compiled(_published_roles_query, role_ids=[])]


def _published_roles_query(*, role_ids: list[int]) -> QuerySet:
    return Role.objects.published().order_by(*CANONICAL_ROLE_ORDER).values_list(*fields_of(Role))


def draft_role(*, slug: str) -> Role | None:
    """A role that is not published, for a staff preview. One query."""
    return Role.objects.filter(slug=slug, is_published=False).first()


def role_profiles(*, roles: Sequence[Role]) -> list[RoleProfile]:
    """
    Profiles of the given roles, in the same order. Four queries, however many roles:
    responsibilities, job titles and work settings together; skills; degree pathways;
    sources.
    """
    ids = [role.pk for role in roles]
    lists = _role_lists(role_ids=ids)
    skills = with_related(RoleSkill, "skill", Skill, run_compiled(_skills_query, role_ids=ids))
    pathways = with_related(
        ProgramPathway, "program", DegreeProgram, run_compiled(_pathways_query, role_ids=ids)
    )
    sources, citations = _citations(role_ids=ids)

    def cite(kind, items):
        for item in items:
            item.citations = citations.get((kind, item.pk), [])
        return items

    for role in roles:
        role.citations = citations.get(("role", role.pk), [])
    cite("role_skill", skills)
    for pathway in cite("pathway", pathways):
        program_citations = citations.get(("program", pathway.program_id), [])
        pathway.citations = sorted(
            {s.pk: s for s in [*pathway.citations, *program_citations]}.values(),
            key=lambda source: (source.display_order, source.title),
        )
    for by_model in lists.values():
        cite("responsibility", by_model[Responsibility])
        cite("job_title", by_model[JobTitle])
        cite("work_setting", by_model[WorkSetting])
    return [
        RoleProfile(
            role=role,
            responsibilities=lists[role.pk][Responsibility],
            skills=[s for s in skills if s.role_id == role.pk],
            job_titles=lists[role.pk][JobTitle],
            work_settings=lists[role.pk][WorkSetting],
            pathways=[p for p in pathways if p.role_id == role.pk],
            sources=sources[role.pk],
            note_citations={
                item_id: cited for (kind, item_id), cited in citations.items() if kind == "note"
            },
        )
        for role in roles
    ]


def _skills_query(*, role_ids: list[int]) -> QuerySet:
    return RoleSkill.objects.filter(role_id__in=role_ids).values_list(
        *fields_of(RoleSkill), *fields_of(Skill, prefix="skill__")
    )


def _pathways_query(*, role_ids: list[int]) -> QuerySet:
    return ProgramPathway.objects.filter(
        role_id__in=role_ids, program__is_published=True
    ).values_list(*fields_of(ProgramPathway), *fields_of(DegreeProgram, prefix="program__"))


def shared_source_notes(*, profiles: Sequence[RoleProfile]) -> list[SourceNote]:
    """
    Published notes about where sources differ or overlap, linked to every given role,
    each with the sources it cites. One query.
    """
    role_ids = [profile.role.pk for profile in profiles]
    rows = run_compiled(_notes_query, role_ids=role_ids)
    notes = [loaded_instance(SourceNote, row) for row in rows]
    for note in notes:
        note.citations = profiles[0].note_citations.get(note.pk, []) if profiles else []
    return notes


def _notes_query(*, role_ids: list[int]) -> QuerySet:
    notes = SourceNote.objects.published()
    for role_id in role_ids:  # one join per role: notes linked to all of them
        notes = notes.filter(roles=role_id)
    return notes.values_list(*fields_of(SourceNote))


# ------------------------------------------------------------------------------
# Degree programs
# ------------------------------------------------------------------------------
def published_programs() -> list[DegreeProgram]:
    """Published programs with the published roles they serve and their sources. 3 queries."""
    pathways = ProgramPathway.objects.filter(role__is_published=True).select_related("role")
    return list(
        DegreeProgram.objects.published().prefetch_related(
            Prefetch(
                "pathways",
                queryset=pathways.order_by(*[f"role__{f}" for f in CANONICAL_ROLE_ORDER]),
                to_attr="published_pathways",
            ),
            "sources",
        )
    )


# ------------------------------------------------------------------------------
# Helpers
# ------------------------------------------------------------------------------
_TEXT = CharField()


def _role_lists(*, role_ids: list[int]) -> dict[int, dict[type, list]]:
    """
    Responsibilities, job titles and work settings of the given roles in one UNION ALL
    query: three short lists of text per role, and one query instead of three keeps the
    role and comparison pages within their budget.
    """

    lists = {pk: {Responsibility: [], JobTitle: [], WorkSetting: []} for pk in role_ids}
    for kind, pk, role_id, order, category, text_value, note, requirement in run_compiled(
        _role_lists_query, role_ids=role_ids
    ):
        if kind == "responsibility":
            item = loaded(
                Responsibility,
                id=pk,
                role_id=role_id,
                display_order=order,
                category=category,
                text=text_value,
            )
        elif kind == "job_title":
            item = loaded(
                JobTitle,
                id=pk,
                role_id=role_id,
                display_order=order,
                title=text_value,
                note=note,
                requirement=requirement,
            )
        else:
            item = loaded(WorkSetting, id=pk, role_id=role_id, display_order=order, name=text_value)
        lists[role_id][type(item)].append(item)
    # Each model's own Meta.ordering, applied here because a UNION has one ORDER BY.
    for by_model in lists.values():
        by_model[Responsibility].sort(key=lambda item: (item.display_order, item.pk))
        by_model[JobTitle].sort(key=lambda item: (item.display_order, item.title))
        by_model[WorkSetting].sort(key=lambda item: (item.display_order, item.name))
    return lists


def _role_lists_query(*, role_ids: list[int]) -> QuerySet:
    def text(value):
        return Value(value, output_field=_TEXT)

    columns = ("pk", "role_id", "display_order")
    responsibilities = Responsibility.objects.filter(role_id__in=role_ids).values_list(
        text("responsibility"), *columns, "category", "text", text(""), text("")
    )
    job_titles = JobTitle.objects.filter(role_id__in=role_ids).values_list(
        text("job_title"), *columns, text(""), "title", "note", "requirement"
    )
    work_settings = WorkSetting.objects.filter(role_id__in=role_ids).values_list(
        text("work_setting"), *columns, text(""), "name", text(""), text("")
    )
    return responsibilities.order_by().union(
        job_titles.order_by(), work_settings.order_by(), all=True
    )


_SOURCE_FIELDS = (
    "source_id",
    "source__key",
    "source__short_name",
    "source__title",
    "source__publisher",
    "source__url",
    "source__published_on",
    "source__date_note",
    "source__display_order",
    "source__accessed_on",
)


def _citations(*, role_ids: list[int]) -> tuple[dict, dict]:
    """
    Which sources each fact of the given roles cites, in one UNION ALL query over the
    citation tables. Returns ({role id: [Source, ...]}, {(kind, item id): [Source, ...]}),
    with one Source object per source so that every fact shares it.
    """
    sources: dict[int, Source] = {}
    by_role = {pk: {} for pk in role_ids}
    by_item: dict[tuple, dict[int, Source]] = {}
    rows = run_compiled(_citations_query, role_ids=role_ids)
    for kind, item_id, role_id, source_id, *fields in rows:
        if source_id not in sources:
            key, short_name, title, publisher, url, published_on, date_note, order, read = fields
            sources[source_id] = loaded(
                Source,
                id=source_id,
                key=key,
                short_name=short_name,
                title=title,
                publisher=publisher,
                url=url,
                published_on=published_on,
                date_note=date_note,
                display_order=order,
                accessed_on=read,
            )
        source = sources[source_id]
        by_role[role_id][source_id] = source
        by_item.setdefault((kind, item_id), {})[source_id] = source

    def in_order(cited):
        return sorted(cited.values(), key=lambda source: (source.display_order, source.title))

    return (
        {pk: in_order(cited) for pk, cited in by_role.items()},
        {item: in_order(cited) for item, cited in by_item.items()},
    )


def _citations_query(*, role_ids: list[int]) -> QuerySet:
    def cited(through, kind, item, role, **filters):
        return (
            through.objects.filter(**{f"{role}__in": role_ids}, **filters)
            .values_list(Value(kind, output_field=_TEXT), item, role, *_SOURCE_FIELDS)
            .order_by()
        )

    queries = [
        cited(Role.sources.through, "role", "role_id", "role_id"),
        cited(
            Responsibility.sources.through,
            "responsibility",
            "responsibility_id",
            "responsibility__role_id",
        ),
        cited(RoleSkill.sources.through, "role_skill", "roleskill_id", "roleskill__role_id"),
        cited(JobTitle.sources.through, "job_title", "jobtitle_id", "jobtitle__role_id"),
        cited(
            WorkSetting.sources.through, "work_setting", "worksetting_id", "worksetting__role_id"
        ),
        cited(
            ProgramPathway.sources.through,
            "pathway",
            "programpathway_id",
            "programpathway__role_id",
            programpathway__program__is_published=True,
        ),
        cited(
            DegreeProgram.sources.through,
            "program",
            "degreeprogram_id",
            "degreeprogram__pathways__role_id",
            degreeprogram__is_published=True,
        ),
        cited(
            SourceNote.sources.through,
            "note",
            "sourcenote_id",
            "sourcenote__roles",
            sourcenote__is_published=True,
        ),
    ]
    return queries[0].union(*queries[1:], all=True)

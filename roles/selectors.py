"""
The database work behind the public pages, in one place.

Every function here runs a fixed number of queries, however much content there is, so that
each page stays within its budget of six queries (tests/test_pages_budget.py proves it at
one and ten times the seeded content). Only published content comes out of these functions,
except where a caller asks for a staff preview of one draft role.
"""

import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from django.core.exceptions import EmptyResultSet
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import CharField, Model, Prefetch, QuerySet, Value

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
    return [_instance(Role, row) for row in _run(_published_roles_query, role_ids=[])]


def _published_roles_query(*, role_ids: list[int]) -> QuerySet:
    return Role.objects.published().order_by(*CANONICAL_ROLE_ORDER).values_list(*_fields(Role))


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
    skills = _with_related(RoleSkill, "skill", Skill, _run(_skills_query, role_ids=ids))
    pathways = _with_related(
        ProgramPathway, "program", DegreeProgram, _run(_pathways_query, role_ids=ids)
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
        *_fields(RoleSkill), *_fields(Skill, prefix="skill__")
    )


def _pathways_query(*, role_ids: list[int]) -> QuerySet:
    return ProgramPathway.objects.filter(
        role_id__in=role_ids, program__is_published=True
    ).values_list(*_fields(ProgramPathway), *_fields(DegreeProgram, prefix="program__"))


def shared_source_notes(*, profiles: Sequence[RoleProfile]) -> list[SourceNote]:
    """
    Published notes about where sources differ or overlap, linked to every given role,
    each with the sources it cites. One query.
    """
    role_ids = [profile.role.pk for profile in profiles]
    notes = [_instance(SourceNote, row) for row in _run(_notes_query, role_ids=role_ids)]
    for note in notes:
        note.citations = profiles[0].note_citations.get(note.pk, []) if profiles else []
    return notes


def _notes_query(*, role_ids: list[int]) -> QuerySet:
    notes = SourceNote.objects.published()
    for role_id in role_ids:  # one join per role: notes linked to all of them
        notes = notes.filter(roles=role_id)
    return notes.values_list(*_fields(SourceNote))


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
    for kind, pk, role_id, order, category, text_value, note in _run(
        _role_lists_query, role_ids=role_ids
    ):
        if kind == "responsibility":
            item = _loaded(
                Responsibility,
                id=pk,
                role_id=role_id,
                display_order=order,
                category=category,
                text=text_value,
            )
        elif kind == "job_title":
            item = _loaded(
                JobTitle, id=pk, role_id=role_id, display_order=order, title=text_value, note=note
            )
        else:
            item = _loaded(
                WorkSetting, id=pk, role_id=role_id, display_order=order, name=text_value
            )
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
        text("responsibility"), *columns, "category", "text", text("")
    )
    job_titles = JobTitle.objects.filter(role_id__in=role_ids).values_list(
        text("job_title"), *columns, text(""), "title", "note"
    )
    work_settings = WorkSetting.objects.filter(role_id__in=role_ids).values_list(
        text("work_setting"), *columns, text(""), "name", text("")
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
    for kind, item_id, role_id, source_id, *fields in _run(_citations_query, role_ids=role_ids):
        if source_id not in sources:
            key, short_name, title, publisher, url, published_on, date_note, order = fields
            sources[source_id] = _loaded(
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


# ------------------------------------------------------------------------------
# Queries compiled once per process
# ------------------------------------------------------------------------------
# Compiling a queryset to SQL costs the comparison page far more than the database takes to
# run it. The SQL of every query above depends only on how many role ids it is given, never on
# the content, so each is compiled once per process and number of ids, with stand-in ids, and
# then run with the real ids as its parameters: every request still reads fresh content.
_STAND_IN_ID = -(2**62)  # no row has a negative primary key


@dataclass(frozen=True)
class _CompiledQuery:
    sql: str
    params: tuple
    id_slots: tuple  # for each parameter: the position of the role id it stands for, or None
    converters: list  # [(column, [converter, ...], expression)], as the ORM applies them
    using: str


@functools.cache
def _compiled(query: Callable[..., QuerySet], id_count: int) -> _CompiledQuery | None:
    """The query's SQL for `id_count` role ids; None when it can match nothing (no ids)."""
    stand_ins = [_STAND_IN_ID - n for n in range(id_count)]
    queryset = query(role_ids=stand_ins)
    compiler = queryset.query.get_compiler(using=queryset.db)
    try:
        sql, params = compiler.as_sql()
    except EmptyResultSet:
        return None
    id_slots = tuple(
        stand_ins.index(p) if type(p) is int and p in stand_ins else None for p in params
    )
    # A backend that passed the ids as one array parameter would be run with the stand-ins.
    if set(id_slots) - {None} != set(range(id_count)):
        raise RuntimeError(f"Not every role id is a parameter of its own in: {sql}")
    columns = [expression for expression, _, _ in compiler.select[: compiler.col_count]]
    return _CompiledQuery(
        sql=sql,
        params=tuple(params),
        id_slots=id_slots,
        converters=[
            (column, converters, expression)
            for column, (converters, expression) in compiler.get_converters(columns).items()
        ],
        using=queryset.db,
    )


def _run(query: Callable[..., QuerySet], *, role_ids: list[int]) -> list[list]:
    """The rows of `query(role_ids=role_ids)`, converted to Python values as the ORM would."""
    compiled = _compiled(query, len(role_ids))
    if compiled is None:
        return []
    params = [
        value if slot is None else role_ids[slot]
        for value, slot in zip(compiled.params, compiled.id_slots, strict=True)
    ]
    connection = connections[compiled.using]
    with connection.cursor() as cursor:
        cursor.execute(compiled.sql, params)
        rows = [list(row) for row in cursor.fetchall()]
    for column, converters, expression in compiled.converters:
        for row in rows:
            value = row[column]
            for converter in converters:
                value = converter(value, expression, connection)
            row[column] = value
    return rows


@functools.cache
def _fields(model: type[Model], *, prefix: str = "") -> tuple[str, ...]:
    """The columns to select for whole objects of the model, in `Model.from_db` order."""
    return tuple(prefix + f.attname for f in model._meta.concrete_fields)


def _instance(model: type[Model], values: Sequence) -> Model:
    return model.from_db(DEFAULT_DB_ALIAS, _fields(model), values)


def _loaded(model: type[Model], **values) -> Model:
    """
    An object of `model` as loaded from the database, every field given by name: several
    times cheaper than `model(**values)`, which matters for the hundreds on a comparison.
    """
    return _instance(model, [values[name] for name in _fields(model)])


def _with_related(model: type[Model], name: str, related: type[Model], rows) -> list:
    """Objects of `model` with their `name` object attached, from rows of both models' fields."""
    split = len(_fields(model))
    objects = []
    for row in rows:
        obj = _instance(model, row[:split])
        setattr(obj, name, _instance(related, row[split:]))
        objects.append(obj)
    return objects

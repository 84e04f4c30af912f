"""
The database work behind the public pages, in one place.

Every function here runs a fixed number of queries, however much content there is, so that
each page stays within its budget of six queries (tests/test_pages_budget.py proves it at
one and ten times the seeded content). Only published content comes out of these functions,
except where a caller asks for a staff preview of one draft role.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from functools import reduce
from operator import or_

from django.db.models import BooleanField, CharField, ExpressionWrapper, Prefetch, Q, Value

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
    return list(Role.objects.published().order_by(*CANONICAL_ROLE_ORDER))


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
    skills = list(RoleSkill.objects.filter(role_id__in=ids).select_related("skill"))
    pathways = list(
        ProgramPathway.objects.filter(role_id__in=ids, program__is_published=True).select_related(
            "program"
        )
    )
    sources = _sources_cited(role_ids=ids)
    return [
        RoleProfile(
            role=role,
            responsibilities=lists[role.pk][Responsibility],
            skills=[s for s in skills if s.role_id == role.pk],
            job_titles=lists[role.pk][JobTitle],
            work_settings=lists[role.pk][WorkSetting],
            pathways=[p for p in pathways if p.role_id == role.pk],
            sources=sources[role.pk],
        )
        for role in roles
    ]


def shared_source_notes(*, roles: Sequence[Role]) -> list[SourceNote]:
    """Published notes about where sources differ or overlap, linked to every given role."""
    notes = SourceNote.objects.published()
    for role in roles:
        notes = notes.filter(roles=role)
    return list(notes)


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
    rows = responsibilities.order_by().union(
        job_titles.order_by(), work_settings.order_by(), all=True
    )

    lists = {pk: {Responsibility: [], JobTitle: [], WorkSetting: []} for pk in role_ids}
    for kind, pk, role_id, order, category, text_value, note in rows:
        if kind == "responsibility":
            item = Responsibility(
                pk=pk, role_id=role_id, display_order=order, category=category, text=text_value
            )
        elif kind == "job_title":
            item = JobTitle(
                pk=pk, role_id=role_id, display_order=order, title=text_value, note=note
            )
        else:
            item = WorkSetting(pk=pk, role_id=role_id, display_order=order, name=text_value)
        lists[role_id][type(item)].append(item)
    # Each model's own Meta.ordering, applied here because a UNION has one ORDER BY.
    for by_model in lists.values():
        by_model[Responsibility].sort(key=lambda item: (item.display_order, item.pk))
        by_model[JobTitle].sort(key=lambda item: (item.display_order, item.title))
        by_model[WorkSetting].sort(key=lambda item: (item.display_order, item.name))
    return lists


def _cited_for(role_id: int) -> Q:
    """Sources cited by a role's overview or by any of its published facts and notes."""
    citations = [
        Role.sources.through.objects.filter(role_id=role_id),
        Responsibility.sources.through.objects.filter(responsibility__role_id=role_id),
        RoleSkill.sources.through.objects.filter(roleskill__role_id=role_id),
        JobTitle.sources.through.objects.filter(jobtitle__role_id=role_id),
        WorkSetting.sources.through.objects.filter(worksetting__role_id=role_id),
        ProgramPathway.sources.through.objects.filter(
            programpathway__role_id=role_id, programpathway__program__is_published=True
        ),
        DegreeProgram.sources.through.objects.filter(
            degreeprogram__pathways__role_id=role_id, degreeprogram__is_published=True
        ),
        SourceNote.sources.through.objects.filter(
            sourcenote__roles=role_id, sourcenote__is_published=True
        ),
    ]
    return reduce(or_, (Q(pk__in=c.values("source_id")) for c in citations))


def _sources_cited(*, role_ids: list[int]) -> dict[int, list[Source]]:
    """The sources each role cites, in one query: a flag per role says which cite which."""
    flags = {
        f"cited_by_{pk}": ExpressionWrapper(_cited_for(pk), output_field=BooleanField())
        for pk in role_ids
    }
    if not flags:
        return {}
    cited_by_any = reduce(or_, (Q(**{flag: True}) for flag in flags))
    sources = list(Source.objects.annotate(**flags).filter(cited_by_any))
    return {pk: [s for s in sources if getattr(s, f"cited_by_{pk}")] for pk in role_ids}

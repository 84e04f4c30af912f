"""
The database work behind the public pages, in one place.

Every function here runs a fixed number of queries, however much content there is
(tests/test_pages_budget.py proves it at one and ten times the seeded content, and with
twenty roles). Only published content comes out of these functions, except where a caller
asks for a staff preview of one draft role. Each fact's sources come as a `citations` list.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.db.models import Prefetch, prefetch_related_objects

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


def _cited(lookup: str = "sources") -> Prefetch:
    """A fact's sources, in their own order, as its `citations` list."""
    return Prefetch(lookup, queryset=Source.objects.all(), to_attr="citations")


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
    Profiles of the given roles, in the same order: each list and each list's sources in a
    query of its own, a dozen queries however many roles and facts there are.
    """
    prefetch_related_objects(
        roles,
        _cited(),
        Prefetch(
            "responsibilities",
            queryset=Responsibility.objects.prefetch_related(_cited()),
            to_attr="responsibility_list",
        ),
        Prefetch(
            "role_skills",
            queryset=RoleSkill.objects.select_related("skill").prefetch_related(_cited()),
            to_attr="skill_list",
        ),
        Prefetch(
            "job_titles",
            queryset=JobTitle.objects.prefetch_related(_cited()),
            to_attr="job_title_list",
        ),
        Prefetch(
            "work_settings",
            queryset=WorkSetting.objects.prefetch_related(_cited()),
            to_attr="work_setting_list",
        ),
        Prefetch(
            "pathways",
            queryset=ProgramPathway.objects.filter(program__is_published=True)
            .select_related("program")
            .prefetch_related(_cited(), _cited("program__sources")),
            to_attr="pathway_list",
        ),
    )
    for role in roles:
        for pathway in role.pathway_list:
            # A pathway stands for its program too, so it cites the program's sources.
            pathway.citations = in_source_order([*pathway.citations, *pathway.program.citations])
    return [
        RoleProfile(
            role=role,
            responsibilities=role.responsibility_list,
            skills=role.skill_list,
            job_titles=role.job_title_list,
            work_settings=role.work_setting_list,
            pathways=role.pathway_list,
            sources=in_source_order(
                source
                for facts in (
                    [role],
                    role.responsibility_list,
                    role.skill_list,
                    role.job_title_list,
                    role.work_setting_list,
                    role.pathway_list,
                )
                for fact in facts
                for source in fact.citations
            ),
        )
        for role in roles
    ]


def in_source_order(sources: Iterable[Source]) -> list[Source]:
    """Each source once, in the sources' own order."""
    unique = {source.pk: source for source in sources}
    return sorted(unique.values(), key=lambda source: (source.display_order, source.title))


def shared_source_notes(*, roles: Sequence[Role]) -> list[SourceNote]:
    """
    Published notes about where sources differ or overlap, linked to every given role,
    each with the sources it cites. Two queries.
    """
    notes = SourceNote.objects.published()
    for role in roles:  # one join per role: notes linked to all of them
        notes = notes.filter(roles=role)
    return list(notes.prefetch_related(_cited()))


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

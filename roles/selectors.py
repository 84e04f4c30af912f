"""
The database work behind the public pages, in one place.

Every function here runs a fixed number of queries, however much content there is
(tests/test_pages_budget.py proves it at one and ten times the seeded content, and with
twenty roles). Only published content comes out of these functions, except where a caller
asks for a staff preview of one draft role. Each fact's sources come as a `citations` list.
"""

import itertools
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.db.models import Model, Prefetch, prefetch_related_objects

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


def attach_citations(facts: Iterable[Model]) -> None:
    """
    Give each fact (of any kinds) its sources as a `citations` list, in the sources' own
    order: the links as pairs of ids, a query per kind of fact, then the sources in one
    query, each a single object that every fact citing it shares. Prefetching the sources
    per kind of fact built an object per citation, two thirds of the comparison's cost with
    its cache cold (make bench: 0.01 of the floor, against 0.02 wanted).
    """
    by_kind = defaultdict(list)
    for fact in facts:
        by_kind[type(fact)].append(fact)
    links = []
    for kind, facts_of_kind in by_kind.items():
        name = kind._meta.model_name
        pairs = kind.sources.through.objects.filter(**{f"{name}__in": facts_of_kind})
        links.append((facts_of_kind, list(pairs.values_list(f"{name}_id", "source_id"))))
    cited_ids = {source_id for _, pairs in links for _, source_id in pairs}
    sources = Source.objects.in_bulk(cited_ids) if cited_ids else {}
    for facts, pairs in links:
        by_fact = defaultdict(list)
        for fact_id, source_id in pairs:
            by_fact[fact_id].append(sources[source_id])
        for fact in facts:
            fact.citations = in_source_order(by_fact[fact.pk])


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
    Profiles of the given roles, in the same order: each list, and each list's links to its
    sources, in a query of its own; a dozen queries however many roles and facts there are.
    """
    prefetch_related_objects(
        roles,
        Prefetch("responsibilities", to_attr="responsibility_list"),
        Prefetch(
            "role_skills",
            queryset=RoleSkill.objects.select_related("skill"),
            to_attr="skill_list",
        ),
        Prefetch("job_titles", to_attr="job_title_list"),
        Prefetch("work_settings", to_attr="work_setting_list"),
        Prefetch(
            "pathways",
            queryset=ProgramPathway.objects.filter(program__is_published=True).select_related(
                "program"
            ),
            to_attr="pathway_list",
        ),
    )
    facts = {
        role.pk: [
            role,
            *role.responsibility_list,
            *role.skill_list,
            *role.job_title_list,
            *role.work_setting_list,
            *role.pathway_list,
        ]
        for role in roles
    }
    pathways = [pathway for role in roles for pathway in role.pathway_list]
    attach_citations([*itertools.chain(*facts.values()), *(p.program for p in pathways)])
    for pathway in pathways:
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
            sources=in_source_order(s for fact in facts[role.pk] for s in fact.citations),
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
    each with the sources it cites. Three queries.
    """
    notes = SourceNote.objects.published()
    for role in roles:  # one join per role: notes linked to all of them
        notes = notes.filter(roles=role)
    notes = list(notes)
    attach_citations(notes)
    return notes


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

"""
The side-by-side comparison of two roles, as a pure function of their profiles.

`build_comparison` lines the two roles up row by row: one row per dimension (scope, focus, …),
one per responsibility category, one per skill, one per degree level. Rows and the items in
them say whether both roles share them, so the page can mark shared and distinct content in
words, and `differences_only` can hide what is the same on both sides.
"""

import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from django.urls import reverse

from .models import COMPARE_SEPARATOR, DegreeProgram, Responsibility, Role, Skill, SourceNote
from .selectors import CANONICAL_ROLE_ORDER, RoleProfile

BOTH = "Both paths"
SAME = "Same for both paths"
NONE_LISTED = "None listed"


# ------------------------------------------------------------------------------
# Addresses
# ------------------------------------------------------------------------------
def canonical_key(role: Role) -> tuple:
    return tuple(getattr(role, field) for field in CANONICAL_ROLE_ORDER)


def in_canonical_order(*roles: Role) -> list[Role]:
    return sorted(roles, key=canonical_key)


def split_pair(pair: str) -> tuple[str, str] | None:
    """The two slugs in "<a>-vs-<b>", or None when the address is not a pair."""
    slugs = pair.split(COMPARE_SEPARATOR)
    if len(slugs) != 2 or not all(slugs):
        return None
    return slugs[0], slugs[1]


def comparison_url(a: Role, b: Role) -> str:
    """The comparison's address, with the two roles in canonical order."""
    left, right = in_canonical_order(a, b)
    return reverse("roles:compare", kwargs={"pair": f"{left.slug}{COMPARE_SEPARATOR}{right.slug}"})


def comparison_pairs(roles: Sequence[Role]) -> list[tuple[Role, Role]]:
    """Every pair of the given roles, each in canonical order."""
    return list(itertools.combinations(in_canonical_order(*roles), 2))


# ------------------------------------------------------------------------------
# The comparison
# ------------------------------------------------------------------------------
@dataclass(frozen=True)
class Entry:
    """One item in one column: a responsibility, a job title, a degree program, …"""

    text: str
    detail: str = ""
    url: str = ""
    mark: str = ""  # says in words whether the other role has it too
    identical: bool = False  # the other role has it, and says the same about it
    citations: tuple = ()  # the sources this fact relies on
    anchor: str = ""  # an id other parts of the page link to


@dataclass(frozen=True)
class Row:
    label: str
    left: tuple[Entry, ...]
    right: tuple[Entry, ...]
    mark: str = ""
    identical: bool = False  # both columns say the same


@dataclass(frozen=True)
class RowGroup:
    label: str  # blank when a section has a single group
    rows: tuple[Row, ...]


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    row_heading: str  # what the row labels are: "Skill", "Level", …
    groups: tuple[RowGroup, ...]


@dataclass(frozen=True)
class Comparison:
    left: Role
    right: Role
    sections: tuple[Section, ...]
    sources: Section  # always shown in full, also in the differences-only view
    notes: tuple[SourceNote, ...]
    differences_only: bool = False
    hidden_rows: int = 0

    @property
    def title(self) -> str:
        return f"{self.left.name} vs {self.right.name}"


def build_comparison(
    *, left: RoleProfile, right: RoleProfile, notes: Sequence[SourceNote] = ()
) -> Comparison:
    """Both roles side by side, every dimension aligned row by row."""
    only = {"left": f"Only {left.role.name}", "right": f"Only {right.role.name}"}

    def section(key, title, row_heading, rows):
        return Section(key, title, row_heading, (RowGroup("", rows),))

    return Comparison(
        left=left.role,
        right=right.role,
        sections=(
            section("at-a-glance", "At a glance", "Dimension", _glance_rows(left, right)),
            section(
                "responsibilities",
                "Responsibilities",
                "Category",
                _responsibility_rows(left, right, only),
            ),
            Section("skills", "Skills", "Skill", _skill_groups(left, right, only)),
            section(
                "jobs", "Job titles and work settings", "Dimension", _job_rows(left, right, only)
            ),
            section("degrees", "Degree programs", "Level", _degree_rows(left, right, only)),
        ),
        sources=section("sources", "Sources", "Dimension", (_sources_row(left, right, only),)),
        notes=tuple(notes),
    )


def differences_only(comparison: Comparison) -> Comparison:
    """The same comparison without the rows and items that are the same for both roles."""
    hidden = 0
    sections = []
    for section in comparison.sections:
        groups = []
        for group in section.groups:
            rows = []
            for row in group.rows:
                left = tuple(e for e in row.left if not e.identical)
                right = tuple(e for e in row.right if not e.identical)
                if row.identical or not (left or right):
                    hidden += 1
                    continue
                rows.append(replace(row, left=left, right=right))
            if rows:
                groups.append(replace(group, rows=tuple(rows)))
        sections.append(replace(section, groups=tuple(groups)))
    return replace(comparison, sections=tuple(sections), differences_only=True, hidden_rows=hidden)


# ------------------------------------------------------------------------------
# Rows, dimension by dimension
# ------------------------------------------------------------------------------
def _glance_rows(left: RoleProfile, right: RoleProfile) -> tuple[Row, ...]:
    a, b = left.role, right.role

    def row(label: str, value: Callable[[Role], str], detail: Callable[[Role], str], same: bool):
        return Row(
            label,
            (Entry(value(a), detail(a)),),
            (Entry(value(b), detail(b)),),
            mark=SAME if same else "",
            identical=same,
        )

    def no_detail(role):
        return ""

    def patient_care(role):
        return "Yes" if role.direct_patient_care else "No"

    return (
        row("Summary", lambda r: r.summary, no_detail, a.summary == b.summary),
        row("Scope", Role.get_scope_display, lambda r: r.scope_detail, a.scope == b.scope),
        row("Focus", Role.get_focus_display, lambda r: r.focus_detail, a.focus == b.focus),
        row(
            "Direct patient care",
            patient_care,
            lambda r: r.patient_care_detail,
            a.direct_patient_care == b.direct_patient_care,
        ),
        row(
            "A good fit for",
            lambda r: r.good_fit or "Not described",
            no_detail,
            a.good_fit == b.good_fit,
        ),
    )


def _responsibility_rows(left: RoleProfile, right: RoleProfile, only) -> tuple[Row, ...]:
    def duties(profile, category):
        return [
            (item.text.casefold(), Entry(item.text, citations=_cited(item)))
            for item in profile.responsibilities
            if item.category == category
        ]

    rows = (
        _list_row(label, duties(left, category), duties(right, category), only, mark_items=False)
        for category, label in Responsibility.Category.choices
    )
    return tuple(row for row in rows if row.left or row.right)


def _skill_groups(left: RoleProfile, right: RoleProfile, only) -> tuple[RowGroup, ...]:
    left_skills = {s.skill_id: s for s in left.skills}
    right_skills = {s.skill_id: s for s in right.skills}
    skills = {s.skill_id: s.skill for s in [*left.skills, *right.skills]}
    ordered = sorted(skills.values(), key=lambda skill: (skill.display_order, skill.name))
    groups = []
    for kind, kind_label in Skill.Kind.choices:
        rows = []
        for skill in (s for s in ordered if s.kind == kind):
            mine, theirs = left_skills.get(skill.pk), right_skills.get(skill.pk)
            same = bool(mine and theirs and mine.importance == theirs.importance)
            if mine and theirs:
                mark = SAME if same else BOTH
            else:
                mark = only["left"] if mine else only["right"]
            rows.append(
                Row(
                    skill.name,
                    (_skill_entry(mine),) if mine else (),
                    (_skill_entry(theirs),) if theirs else (),
                    mark=mark,
                    identical=same,
                )
            )
        if rows:
            groups.append(RowGroup(kind_label, tuple(rows)))
    return tuple(groups)


def _job_rows(left: RoleProfile, right: RoleProfile, only) -> tuple[Row, ...]:
    def titles(profile):
        return [
            (t.title.casefold(), Entry(t.title, t.note, citations=_cited(t)))
            for t in profile.job_titles
        ]

    def settings(profile):
        return [
            (s.name.casefold(), Entry(s.name, citations=_cited(s))) for s in profile.work_settings
        ]

    return (
        _list_row("Example job titles", titles(left), titles(right), only),
        _list_row("Work settings", settings(left), settings(right), only),
    )


def _sources_row(left: RoleProfile, right: RoleProfile, only) -> Row:
    """Each path's sources; a source's first appearance is the target of its citations."""
    left_keys = {s.key for s in left.sources}

    def sources(profile, *, anchored):
        return [(s.pk, _source_entry(s, anchored=anchored(s))) for s in profile.sources]

    return _list_row(
        "Sources cited",
        sources(left, anchored=lambda s: True),
        sources(right, anchored=lambda s: s.key not in left_keys),
        only,
    )


def _degree_rows(left: RoleProfile, right: RoleProfile, only) -> tuple[Row, ...]:
    rows = []
    for level, label in DegreeProgram.Level.choices:
        row = _list_row(
            label,
            [(p.program_id, _pathway_entry(p)) for p in left.pathways if p.program.level == level],
            [(p.program_id, _pathway_entry(p)) for p in right.pathways if p.program.level == level],
            only,
        )
        if row.left or row.right:
            rows.append(row)
    return tuple(rows)


def _list_row(label, left: list[tuple], right: list[tuple], only, *, mark_items=True) -> Row:
    """
    A row of items matched across the columns by key: an item both columns list is shared,
    and identical when both say the same about it.
    """
    left_by_key, right_by_key = dict(left), dict(right)

    def column(items, others):
        entries = []
        for key, entry in items:
            other = others.get(key)
            identical = other is not None and other.detail == entry.detail
            mark = (BOTH if other is not None else "") if mark_items else ""
            entries.append(replace(entry, mark=mark, identical=identical))
        return tuple(entries)

    left_entries = column(left, right_by_key)
    right_entries = column(right, left_by_key)
    identical = bool(left_entries or right_entries) and all(
        e.identical for e in left_entries + right_entries
    )
    if identical:
        mark = SAME
    elif left_entries and not right_entries:
        mark = only["left"]
    elif right_entries and not left_entries:
        mark = only["right"]
    else:
        mark = ""
    return Row(label, left_entries, right_entries, mark=mark, identical=identical)


# ------------------------------------------------------------------------------
# Entries
# ------------------------------------------------------------------------------
def _cited(item) -> tuple:
    return tuple(getattr(item, "citations", ()))


def _skill_entry(role_skill) -> Entry:
    return Entry(role_skill.get_importance_display(), role_skill.note, citations=_cited(role_skill))


def _pathway_entry(pathway) -> Entry:
    detail = pathway.get_relation_display()
    if pathway.note:
        detail = f"{detail}: {pathway.note}"
    return Entry(
        pathway.program.name,
        detail,
        url=pathway.program.get_absolute_url(),
        citations=_cited(pathway),
    )


def _source_entry(source, *, anchored: bool) -> Entry:
    detail = ", ".join(p for p in (source.short_name, source.publisher, source.date_label) if p)
    return Entry(
        source.title, detail, url=source.url, anchor=f"source-{source.key}" if anchored else ""
    )

"""build_comparison and differences_only as pure functions: no database, no request."""

import pytest

from roles.comparison import (
    ALL_THREE,
    BOTH,
    NOT_COVERED,
    SAME,
    SAME_FOR_ALL_THREE,
    build_comparison,
    comparison_pairs,
    differences_only,
    in_canonical_order,
    split_pair,
)
from roles.models import (
    DegreeProgram,
    JobTitle,
    ProgramPathway,
    Responsibility,
    Role,
    RoleSkill,
    Skill,
    Source,
    WorkSetting,
)
from roles.selectors import RoleProfile

SKILLS = {
    "talk": Skill(pk=1, name="Talking", kind=Skill.Kind.SOFT),
    "sums": Skill(pk=2, name="Sums", kind=Skill.Kind.KNOWLEDGE),
    "lead": Skill(pk=3, name="Leading", kind=Skill.Kind.SOFT),
}
PROGRAM = DegreeProgram(pk=1, name="BSc Health", slug="bsc", level=DegreeProgram.Level.BACHELOR)


def role(name, *, order, **fields):
    defaults = {"scope": "department", "focus": "operational", "summary": f"{name} summary"}
    return Role(name=name, slug=name.lower(), display_order=order, **{**defaults, **fields})


def profile(role, *, duties=(), skills=(), titles=(), settings=(), pathways=(), sources=()):
    return RoleProfile(
        role=role,
        responsibilities=[Responsibility(category=c, text=t) for c, t in duties],
        skills=[RoleSkill(skill=SKILLS[key], importance=level) for key, level in skills],
        job_titles=[JobTitle(title=t, note=n) for t, n in titles],
        work_settings=[WorkSetting(name=n) for n in settings],
        pathways=[ProgramPathway(program=PROGRAM, relation=r) for r in pathways],
        sources=list(sources),
    )


def rows(comparison, section_key):
    section = next(s for s in comparison.sections if s.key == section_key)
    return {row.label: row for group in section.groups for row in group.rows}


def test_glance_rows_say_when_both_roles_agree():
    left = profile(role("Manager", order=1, scope="organization"))
    right = profile(role("Administrator", order=2))
    glance = rows(build_comparison(profiles=[left, right]), "at-a-glance")
    assert glance["Scope"].columns[0][0].text == "Organization-wide"
    assert glance["Scope"].columns[1][0].text == "A department or office"
    assert not glance["Scope"].identical
    assert glance["Focus"].identical and glance["Focus"].mark == SAME
    assert glance["Direct patient care"].columns[0][0].text == "No"


def test_responsibilities_get_one_row_per_category_present_on_either_side():
    left = profile(role("Manager", order=1), duties=[("finance", "Budgets"), ("strategy", "Plan")])
    right = profile(role("Administrator", order=2), duties=[("finance", "Billing")])
    duties = rows(build_comparison(profiles=[left, right]), "responsibilities")
    assert list(duties) == ["Strategy and planning", "Finance and budgets"]
    assert duties["Finance and budgets"].columns[0][0].text == "Budgets"
    assert duties["Finance and budgets"].columns[1][0].text == "Billing"
    assert [e.text for e in duties["Strategy and planning"].columns[1]] == [NOT_COVERED]
    assert duties["Strategy and planning"].mark == f"{NOT_COVERED} for Administrator"


def test_skills_are_matched_across_roles_and_grouped_by_kind():
    left = profile(role("Manager", order=1), skills=[("talk", 3), ("lead", 3), ("sums", 2)])
    right = profile(role("Administrator", order=2), skills=[("talk", 3), ("lead", 2)])
    section = next(
        s for s in build_comparison(profiles=[left, right]).sections if s.key == "skills"
    )
    assert [group.label for group in section.groups] == ["Soft skill", "Knowledge"]
    skills = rows(build_comparison(profiles=[left, right]), "skills")
    assert skills["Talking"].mark == SAME and skills["Talking"].identical
    assert skills["Leading"].mark == BOTH and not skills["Leading"].identical
    assert skills["Sums"].mark == f"{NOT_COVERED} for Administrator"
    assert [e.text for e in skills["Sums"].columns[1]] == [NOT_COVERED]


def test_shared_list_items_are_marked_and_matched_ignoring_case():
    left = profile(role("Manager", order=1), settings=["Hospitals", "Nursing homes"])
    right = profile(role("Administrator", order=2), settings=["hospitals"])
    settings = rows(build_comparison(profiles=[left, right]), "jobs")["Work settings"]
    assert [(e.text, e.mark) for e in settings.columns[0]] == [
        ("Hospitals", BOTH),
        ("Nursing homes", ""),
    ]
    assert settings.columns[1][0].mark == BOTH


def test_degree_programs_carry_their_relation_for_each_role():
    left = profile(role("Manager", order=1), pathways=[ProgramPathway.Relation.ENTRY])
    right = profile(role("Administrator", order=2), pathways=[ProgramPathway.Relation.TRANSFERABLE])
    bachelor = rows(build_comparison(profiles=[left, right]), "degrees")["Bachelor’s degree"]
    assert bachelor.columns[0][0].detail == "Typical entry"
    assert bachelor.columns[1][0].detail == "Transferable preparation"
    assert bachelor.columns[0][0].mark == BOTH
    assert not bachelor.identical


def test_differences_only_drops_identical_rows_and_items():
    left = profile(
        role("Manager", order=1),
        skills=[("talk", 3), ("sums", 2)],
        settings=["Hospitals", "Nursing homes"],
    )
    right = profile(role("Administrator", order=2), skills=[("talk", 3)], settings=["Hospitals"])
    comparison = differences_only(build_comparison(profiles=[left, right]))
    assert "Talking" not in rows(comparison, "skills")
    # Only the administrator's sources are silent on "Sums": silence is not a difference.
    assert "Sums" not in rows(comparison, "skills")
    assert comparison.silent_rows >= 1
    settings = rows(comparison, "jobs")["Work settings"]
    assert [e.text for e in settings.columns[0]] == ["Nursing homes"]
    assert settings.columns[1] == ()
    assert "Focus" not in rows(comparison, "at-a-glance")
    assert comparison.differences_only and comparison.hidden_rows >= 2


def test_differences_only_keeps_every_source():
    source = Source(pk=1, title="Shared source", publisher="Publisher")
    left = profile(role("Manager", order=1), sources=[source])
    right = profile(role("Administrator", order=2), sources=[source])
    comparison = differences_only(build_comparison(profiles=[left, right]))
    [sources_row] = comparison.sources.groups[0].rows
    assert sources_row.columns[0][0].text == "Shared source"


def test_canonical_order_is_display_order_then_slug():
    a, b, c = role("Beta", order=1), role("Alpha", order=1), role("First", order=0)
    assert in_canonical_order(a, b, c) == [c, b, a]
    assert comparison_pairs([a, b, c]) == [(c, b), (c, a), (b, a)]


def test_split_pair_takes_two_or_three_slugs():
    assert split_pair("health-care-vs-admin-work") == ("health-care", "admin-work")
    assert split_pair("a-vs-b-vs-c") == ("a", "b", "c")
    assert split_pair("health-care") is None
    assert split_pair("a-vs-b-vs-c-vs-d") is None
    assert split_pair("-vs-b") is None
    assert split_pair("a-vs-b-vs-") is None


# ------------------------------------------------------------------------------
# Three roles
# ------------------------------------------------------------------------------
def three_profiles(**per_role):
    names = ("Manager", "Administrator", "Analyst")
    return [
        profile(role(name, order=n), **{key: values[n] for key, values in per_role.items()})
        for n, name in enumerate(names)
    ]


def test_three_roles_get_a_column_each():
    comparison = build_comparison(profiles=three_profiles())
    assert [r.name for r in comparison.roles] == ["Manager", "Administrator", "Analyst"]
    assert comparison.title == "Manager vs Administrator vs Analyst"
    assert comparison.caption == "Manager compared with Administrator and Analyst"
    assert all(len(row.columns) == 3 for row in rows(comparison, "at-a-glance").values())


def test_items_say_which_other_roles_list_them_too():
    comparison = build_comparison(
        profiles=three_profiles(
            settings=[["Hospitals", "Clinics"], ["Hospitals", "Clinics"], ["Hospitals"]]
        )
    )
    settings = rows(comparison, "jobs")["Work settings"]
    assert [(e.text, e.mark) for e in settings.columns[0]] == [
        ("Hospitals", ALL_THREE),
        ("Clinics", "Also Administrator"),
    ]
    assert [(e.text, e.mark) for e in settings.columns[2]] == [("Hospitals", ALL_THREE)]
    assert settings.mark == "" and not settings.identical


def test_rows_the_same_for_all_three_are_marked_and_hidden_in_differences_only():
    comparison = build_comparison(
        profiles=three_profiles(skills=[[("talk", 3)], [("talk", 3)], [("talk", 3), ("sums", 2)]])
    )
    skills = rows(comparison, "skills")
    assert skills["Talking"].mark == SAME_FOR_ALL_THREE
    assert skills["Sums"].mark == f"{NOT_COVERED} for Manager and Administrator"
    differences = differences_only(comparison)
    assert "Talking" not in rows(differences, "skills")
    assert "Sums" not in rows(differences, "skills")  # only silence differs


def test_a_source_is_anchored_where_it_first_appears():
    shared = Source(pk=1, key="shared", title="Shared", publisher="P")
    own = Source(pk=2, key="own", title="Own", publisher="P")
    comparison = build_comparison(profiles=three_profiles(sources=[[], [shared], [shared, own]]))
    [row] = comparison.sources.groups[0].rows
    assert [e.anchor for e in row.columns[1]] == ["source-shared"]
    assert [e.anchor for e in row.columns[2]] == ["", "source-own"]


@pytest.mark.parametrize("count", [1, 4])
def test_a_comparison_has_two_or_three_roles(count):
    profiles = [profile(role(f"Role {n}", order=n)) for n in range(count)]
    with pytest.raises(ValueError, match="2 to 3 roles"):
        build_comparison(profiles=profiles)

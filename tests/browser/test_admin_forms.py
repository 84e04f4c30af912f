"""
Every change form in the admin saves in a real browser, as the people who use it: a content
editor for content, a superuser for users and groups. Each edit then shows on the public page
on the next request, with the page cache on.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.apps import apps
from django.conf import settings as django_settings
from django.contrib import admin
from django.contrib.auth.models import Group, User
from django.db import models
from playwright.sync_api import expect

from assessment.models import AssessmentSettings, Question
from assessment.services import assessment_content, record_result
from roles.models import (
    Credential,
    DegreeProgram,
    FaqEntry,
    GlossaryTerm,
    JobTitle,
    LaborFigure,
    Occupation,
    ProgramPathway,
    Responsibility,
    Role,
    RoleSkill,
    Skill,
    Source,
    SourceNote,
    WorkSetting,
)
from tests.browser.conftest import MANAGEMENT, answers_leaning_toward, screenshot
from tests.factories import (
    make_job_title,
    make_responsibility,
    make_role,
    make_role_skill,
    make_skill,
    make_work_setting,
)

PASSWORD = "a-long-browser-test-password"
ADMIN = "/" + django_settings.ADMIN_URL
ROLE_PAGE = f"/roles/{MANAGEMENT}/"
CHANGED = "was changed successfully"
# The field ceiling the role form used to break (settings.DATA_UPLOAD_MAX_NUMBER_FIELDS).
OLD_FIELD_LIMIT = 200


def management():
    return Role.objects.get(slug=MANAGEMENT)


@dataclass(frozen=True)
class Edit:
    """One change an editor makes: which object, which field, and where the public sees it."""

    model: type[models.Model]
    pick: Callable[[], models.Model]
    field: str
    value: str
    public_path: str | None = None
    as_superuser: bool = False

    def __str__(self):
        return self.model._meta.label


EDITS = [
    Edit(
        Group,
        lambda: Group.objects.get(name="Content editors"),
        "name",
        "Content editors and reviewers",
        as_superuser=True,
    ),
    Edit(User, lambda: User.objects.get(username="editor"), "first_name", "Edith", None, True),
    Edit(
        Source,
        lambda: Source.objects.get(short_name="CTU"),
        "short_name",
        "ColoradoTech",
        ROLE_PAGE,
    ),
    Edit(Role, management, "summary", "A one-line summary written in the admin.", ROLE_PAGE),
    Edit(
        Responsibility,
        lambda: management().responsibilities.earliest("display_order"),
        "text",
        "Set the direction of a whole health system, as edited in the admin.",
        ROLE_PAGE,
    ),
    Edit(
        Skill,
        lambda: management().role_skills.first().skill,
        "name",
        "Talking and listening well",
        ROLE_PAGE,
    ),
    Edit(
        RoleSkill,
        lambda: management().role_skills.first(),
        "note",
        "Managers use this skill every day, as edited in the admin.",
        ROLE_PAGE,
    ),
    Edit(
        DegreeProgram,
        lambda: DegreeProgram.objects.published().first(),
        "name",
        "A degree program renamed in the admin",
        "/degrees/",
    ),
    Edit(
        ProgramPathway,
        lambda: ProgramPathway.objects.filter(program__is_published=True).first(),
        "note",
        "A pathway note written in the admin.",
        "/degrees/",
    ),
    Edit(
        JobTitle,
        lambda: management().job_titles.first(),
        "title",
        "Chief of health services",
        ROLE_PAGE,
    ),
    Edit(
        WorkSetting,
        lambda: management().work_settings.first(),
        "name",
        "Community health centers",
        ROLE_PAGE,
    ),
    Edit(
        SourceNote,
        lambda: SourceNote.objects.published().filter(roles=management()).first(),
        "title",
        "A note title written in the admin",
        ROLE_PAGE,
    ),
    Edit(
        Occupation,
        lambda: Occupation.objects.get(soc_code="11-9111"),
        "title",
        "Medical and health services managers, as retitled in the admin",
        ROLE_PAGE,
    ),
    Edit(
        LaborFigure,
        lambda: LaborFigure.objects.filter(occupation__soc_code="11-9111").first(),
        "value",
        "A value retyped in the admin",
        ROLE_PAGE,
    ),
    Edit(
        Credential,
        lambda: Credential.objects.first(),
        "description",
        "A credential described in the admin.",
        "/degrees/",
    ),
    Edit(
        GlossaryTerm,
        lambda: GlossaryTerm.objects.first(),
        "definition",
        "A definition written in the admin.",
        "/glossary/",
    ),
    Edit(
        FaqEntry,
        lambda: FaqEntry.objects.published().first(),
        "answer",
        "An answer written in the admin.",
        "/faq/",
    ),
    Edit(
        Question,
        lambda: Question.objects.active().first(),
        "statement",
        "I like to plan what a whole hospital does next year.",
        "/assessment/",
    ),
]

# Rows the site writes itself. The sign-in records show every field read-only, so Save
# stores them unchanged; visitors' results offer nothing to save at all.
SIGN_IN_RECORDS = ["axes.AccessAttempt", "axes.AccessFailureLog", "axes.AccessLog"]
VIEW_ONLY = ["assessment.Result"]
# Tested on their own below: the settings' effect shows on a result, not on a page's text.
TESTED_APART = ["assessment.AssessmentSettings"]


@pytest.fixture
def people(site):
    editor = User.objects.create_user("editor", "editor@example.org", PASSWORD, is_staff=True)
    editor.groups.add(Group.objects.get(name="Content editors"))
    User.objects.create_superuser("admin", "admin@example.org", PASSWORD)


@pytest.fixture
def sign_in(site, new_page, people):
    def open_admin_as(username):
        page = new_page()
        page.set_default_timeout(60_000)
        page.goto(site.url + ADMIN)
        page.get_by_label("Username").fill(username)
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Log in").click()
        expect(page.locator("#user-tools")).to_contain_text(username)
        return page

    return open_admin_as


def change_url(obj):
    opts = obj._meta
    return f"{ADMIN}{opts.app_label}/{opts.model_name}/{obj.pk}/change/"


def form_field_count(page):
    return page.evaluate("() => document.querySelector('#content-main form').elements.length")


def save_and_expect_success(page):
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text(CHANGED)
    expect(page.locator(".errornote")).to_have_count(0)


def test_the_tests_cover_every_model_registered_in_the_admin():
    registered = {
        model._meta.label for model in apps.get_models() if admin.site.is_registered(model)
    }
    covered = {str(edit) for edit in EDITS} | set(SIGN_IN_RECORDS + VIEW_ONLY + TESTED_APART)
    assert registered == covered


@pytest.mark.parametrize("edit", EDITS, ids=str)
def test_change_form_saves_and_the_public_page_shows_it(site, new_page, sign_in, edit):
    obj = edit.pick()
    if edit.public_path:
        visitor = new_page()
        visitor.goto(site.url + edit.public_path)  # now in the page cache
        expect(visitor.locator("main")).not_to_contain_text(edit.value)

    page = sign_in("admin" if edit.as_superuser else "editor")
    page.goto(site.url + change_url(obj))
    page.locator(f"#id_{edit.field}").fill(edit.value)
    save_and_expect_success(page)
    assert getattr(type(obj).objects.get(pk=obj.pk), edit.field) == edit.value

    if edit.public_path:
        visitor = new_page()
        visitor.goto(site.url + edit.public_path)
        expect(visitor.locator("main")).to_contain_text(edit.value)


def test_role_form_with_all_its_inlines_saves_unchanged(site, new_page, sign_in):
    page = sign_in("editor")
    page.goto(site.url + change_url(management()))
    assert form_field_count(page) > OLD_FIELD_LIMIT
    screenshot(page, "admin-role-change-1280")
    save_and_expect_success(page)
    assert page.csp_violations == []


def make_big_role(times=10):
    """A published role with ten times the seeded role's inline rows, each citing sources."""
    seeded = management()
    sources = list(Source.objects.all()[:2])
    role = make_role(name="A much bigger role", slug="a-much-bigger-role", overview=seeded.overview)
    rows = []
    for n in range(seeded.responsibilities.count() * times):
        rows.append(make_responsibility(role, text=f"Responsibility number {n} of many."))
    for n in range(seeded.job_titles.count() * times):
        rows.append(make_job_title(role, title=f"Job title {n}", note=f"Note {n}."))
    for n in range(seeded.work_settings.count() * times):
        rows.append(make_work_setting(role, name=f"Setting {n}"))
    for n in range(seeded.role_skills.count() * times):
        rows.append(make_role_skill(role, make_skill(name=f"Big skill {n}", slug=f"big-{n}")))
    for row in rows:
        row.sources.set(sources)
    return role


def test_a_role_with_ten_times_the_inlines_saves_and_shows(site, new_page, sign_in):
    role = make_big_role()
    visitor = new_page()
    visitor.goto(site.url + role.get_absolute_url())

    page = sign_in("editor")
    page.goto(site.url + change_url(role))
    assert form_field_count(page) > 10 * OLD_FIELD_LIMIT
    page.locator("#id_summary").fill("The bigger role, summed up in the admin.")
    save_and_expect_success(page)

    visitor = new_page()
    visitor.goto(site.url + role.get_absolute_url())
    expect(visitor.locator("main")).to_contain_text("The bigger role, summed up in the admin.")


def test_assessment_settings_save_and_the_next_result_uses_them(site, new_page, sign_in, settings):
    settings.ASSESSMENT_RATE_LIMIT = "1000/m"
    page = sign_in("editor")
    page.goto(site.url + ADMIN + "assessment/assessmentsettings/")
    expect(page).to_have_url(re.compile(r"/assessmentsettings/1/change/$"))
    page.locator("#id_close_call_threshold").fill("100")
    save_and_expect_success(page)
    assert AssessmentSettings.current().close_call_threshold == 100

    visitor = new_page()
    visitor.goto(site.url + "/assessment/")
    for question_id, answer in answers_leaning_toward(MANAGEMENT).items():
        mild = {5: 4, 1: 2}.get(answer, answer)  # a lean, not the widest gap there is
        visitor.locator(f"input[name='question-{question_id}'][value='{mild}']").check()
    visitor.get_by_role("button", name="See my result").click()
    expect(visitor.locator(".result-sentence")).to_contain_text("close call")


def sign_in_rightly_then_once_wrongly(site, page, other_page):
    """
    Leaves one row of each sign-in record: a log, then a failed attempt (of a name nobody
    has) from another browser, after the success that would reset the address's attempts.
    """
    page.goto(site.url + ADMIN)
    page.get_by_label("Username").fill("admin")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.locator("#user-tools")).to_contain_text("admin")
    other_page.goto(site.url + ADMIN)
    other_page.get_by_label("Username").fill("nobody")
    other_page.get_by_label("Password").fill("not-the-password")
    other_page.get_by_role("button", name="Log in").click()


@pytest.mark.parametrize("label", SIGN_IN_RECORDS)
def test_sign_in_records_save_unchanged(site, new_page, people, label, settings):
    settings.AXES_ENABLE_ACCESS_FAILURE_LOG = True  # off by default: no failure log is kept
    page = new_page()
    sign_in_rightly_then_once_wrongly(site, page, new_page())
    obj = apps.get_model(label).objects.first()
    assert obj is not None
    page.goto(site.url + change_url(obj))
    save_and_expect_success(page)


def test_results_open_without_anything_to_save(site, new_page, people):
    page = new_page()
    sign_in_rightly_then_once_wrongly(site, page, new_page())
    result = record_result(content=assessment_content(), answers=answers_leaning_toward(MANAGEMENT))
    page.goto(site.url + change_url(result))
    expect(page.locator("#content-main")).to_contain_text(result.token)
    expect(page.get_by_role("button", name="Save", exact=True)).to_have_count(0)


# --- History: the difference, and a restore that reaches the public page ---------------

NEW_SUMMARY = "A summary that an editor regrets at once."


def test_editor_restores_an_earlier_version_and_the_public_page_shows_it(site, new_page, sign_in):
    role = Role.objects.get(slug=MANAGEMENT)
    old_summary = role.summary
    visitor = new_page()
    visitor.goto(site.url + ROLE_PAGE)
    expect(visitor.locator("main")).to_contain_text(old_summary)

    page = sign_in("editor")
    page.goto(site.url + change_url(role))
    page.locator("#id_summary").fill(NEW_SUMMARY)
    save_and_expect_success(page)

    page.goto(site.url + change_url(role))
    page.get_by_role("link", name="History").click()
    changes = page.locator("#change-history")
    expect(changes).to_contain_text("Summary:")
    expect(changes.locator("del").first).to_be_visible()
    expect(changes.locator("ins").first).to_be_visible()
    expect(changes).to_contain_text("editor")
    screenshot(page, "admin-role-history-1280")
    assert page.csp_violations == []

    # The oldest version is the last row: open it and restore it with one button.
    changes.locator("tbody tr").last.get_by_role("link").click()
    expect(page.locator("#id_summary")).to_have_value(old_summary)
    page.get_by_role("button", name="Revert").click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    expect(page).to_have_url(re.compile(r"/admin/roles/role/$"))

    visitor = new_page()
    visitor.goto(site.url + ROLE_PAGE)
    expect(visitor.locator("main")).to_contain_text(old_summary)
    expect(visitor.locator("main")).not_to_contain_text(NEW_SUMMARY)

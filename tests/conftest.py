import pytest
from django.conf import settings
from django.contrib.auth.models import Group, User
from django.core.cache import caches

from roles.seeding import load_content

from .clients import BrowserClient


@pytest.fixture(autouse=True)
def empty_cache():
    """
    Every test starts with empty caches, so no test sees another's cached pages: a
    rolled-back test database sends no signal that would leave them behind.
    """
    for alias in settings.CACHES:
        caches[alias].clear()
    yield
    for alias in settings.CACHES:
        caches[alias].clear()


@pytest.fixture
def client():
    return BrowserClient()


@pytest.fixture
def seeded(db):
    """The site's real starting content, as `make serve` loads it."""
    load_content()


@pytest.fixture
def superuser(db):
    return User.objects.create_superuser("admin", "admin@example.org", "a-long-test-password")


@pytest.fixture
def admin_client(client, superuser):
    client.force_login(superuser)
    return client


@pytest.fixture
def editor(db):
    user = User.objects.create_user("editor", "editor@example.org", "a-long-test-password")
    user.is_staff = True
    user.save()
    user.groups.add(Group.objects.get(name="Content editors"))
    return user


# --- Self-assessment -------------------------------------------------------------


@pytest.fixture
def assessment_questions(seeded):
    """The seeded self-assessment statements loaded on top of the content, by fixture key."""
    from assessment.models import Question
    from assessment.seeding import load_questions, read_fixture

    load_questions()
    by_statement = {question.statement: question for question in Question.objects.all()}
    return {entry["key"]: by_statement[entry["statement"]] for entry in read_fixture()["questions"]}


@pytest.fixture
def assessment_answers(assessment_questions):
    """Builds the POST data of a complete submission: neutral unless given, by fixture key."""
    from assessment.forms import field_name

    def build(default=3, **answers_by_key):
        return {
            field_name(question): str(answers_by_key.get(key.replace("-", "_"), default))
            for key, question in assessment_questions.items()
        }

    return build

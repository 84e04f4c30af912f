import pytest
from django.contrib.auth.models import Group, User
from django.core.cache import cache

from roles.seeding import load_content


@pytest.fixture(autouse=True)
def empty_cache():
    """Every test starts with an empty cache, so no test sees another's cached pages."""
    cache.clear()
    yield
    cache.clear()


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

import pytest
from django.contrib.auth.models import Group, User

from readiness.advisors.roles import ADVISOR, CONTENT_EDITOR


def staff(username: str, group: str | None = None) -> User:
    user = User.objects.create_user(username, is_staff=True)
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def advisor(db):
    return staff("mei", ADVISOR)


@pytest.fixture
def editor(db):
    return staff("ka-ho", CONTENT_EDITOR)


@pytest.fixture
def advisor_client(client, advisor):
    client.force_login(advisor)
    return client


@pytest.fixture
def superuser(db):
    return User.objects.create_superuser("root", email="", password=None)


@pytest.fixture(autouse=True)
def _no_lockout_bookkeeping_on_force_login(settings):
    # force_login sends user_logged_in with a request that has no address, which django-axes
    # records as "unknown": PostgreSQL's inet column refuses it. Lockouts are not tested here.
    settings.AXES_ENABLED = False

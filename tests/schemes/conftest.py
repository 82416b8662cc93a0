import datetime

import pytest
from django.contrib.auth.models import User

from readiness.content.questionnaire import current_questionnaire
from readiness.schemes import seed
from readiness.schemes.models import Scheme

TODAY = datetime.date(2026, 11, 22)


def questionnaire():
    return current_questionnaire()


def seed_catalogue():
    """The seed file as matcher entries, without a database."""
    _version, entries = seed.read_seed(questionnaire())
    return [Scheme(**fields).as_catalogue_entry() for fields in entries]


@pytest.fixture
def admin_client(client, db, settings):
    """A superuser in the admin. force_login's request has no address, which django-axes
    records as "unknown" and PostgreSQL's inet column refuses; lockouts are not tested here."""
    settings.AXES_ENABLED = False
    client.force_login(User.objects.create_superuser("editor", email="", password=None))
    return client

"""A real SMTP server on loopback (aiosmtpd), and Django set to send through it."""

import email
import email.policy

import pytest
from aiosmtpd.controller import Controller

SMTP_PORT = 8182
# Nothing listens here: the SMTP server is down.
DEAD_PORT = 8183


class Inbox:
    def __init__(self):
        self.envelopes = []

    async def handle_DATA(self, server, session, envelope):
        self.envelopes.append(envelope)
        return "250 Message accepted"

    @property
    def messages(self):
        return [
            email.message_from_bytes(e.original_content, policy=email.policy.default)
            for e in self.envelopes
        ]


@pytest.fixture
def smtp_server(settings):
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=SMTP_PORT)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = SMTP_PORT
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    settings.DEFAULT_FROM_EMAIL = "Readiness <noreply@readiness.test>"
    settings.SITE_URL = "https://readiness.test"
    try:
        yield inbox
    finally:
        controller.stop()


@pytest.fixture
def smtp_down(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = DEAD_PORT
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_TIMEOUT = 5
    settings.SITE_URL = "https://readiness.test"


@pytest.fixture
def database_queue(settings):
    """The real queue: tasks wait in the database for `manage.py db_worker`."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def body(message) -> str:
    return message.get_body(preferencelist=("plain",)).get_content()

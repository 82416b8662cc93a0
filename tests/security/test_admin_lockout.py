"""Admin login: locked out after repeated failures (django-axes), configurable admin URL."""

import importlib

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import clear_url_caches, reverse

PASSWORD = "correct horse battery staple"


@pytest.fixture
def advisor(db, settings):
    # Password hashing strength is not under test here; a fast hasher keeps the test quick.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    return get_user_model().objects.create_superuser("advisor", "a@example.org", PASSWORD)


def log_in(client, password):
    return client.post(
        reverse("admin:login"),
        {"username": "advisor", "password": password, "next": reverse("admin:index")},
    )


def test_five_wrong_passwords_lock_the_client_out_even_with_the_right_one(advisor, settings):
    settings.AXES_FAILURE_LIMIT = 5
    client = Client()

    statuses = [log_in(client, f"guess {i}").status_code for i in range(4)]
    fifth = log_in(client, "guess 5")
    after = log_in(client, PASSWORD)

    assert statuses == [200] * 4  # the login form again, with its error
    assert fifth.status_code == 429
    assert after.status_code == 429
    page = after.content.decode()
    assert "Sign-in paused" in page
    assert "Please try again in 30 minutes." in page
    assert "advisor" not in page.replace("advisors", "")
    assert after["Retry-After"] == "1800"
    assert "_auth_user_id" not in client.session


def test_another_client_address_can_still_log_in(advisor, settings):
    settings.AXES_FAILURE_LIMIT = 2
    attacker = Client(REMOTE_ADDR="203.0.113.66")
    for _ in range(3):
        log_in(attacker, "guess")

    response = log_in(Client(REMOTE_ADDR="198.51.100.5"), PASSWORD)

    assert response.status_code == 302
    assert response["Location"] == reverse("admin:index")


def test_a_successful_login_resets_the_count(advisor, settings):
    settings.AXES_FAILURE_LIMIT = 3
    client = Client()
    log_in(client, "guess")
    log_in(client, "guess")
    assert log_in(client, PASSWORD).status_code == 302
    client.logout()

    log_in(client, "guess")
    log_in(client, "guess")

    assert log_in(client, PASSWORD).status_code == 302


def test_logins_from_code_and_force_login_still_work(advisor):
    client = Client()

    assert client.login(username="advisor", password=PASSWORD)
    assert Client().login(username="advisor", password="wrong") is False
    other = Client()
    other.force_login(advisor)
    assert other.get(reverse("admin:index")).status_code == 200


def test_the_admin_lives_at_the_configured_address(settings):
    settings.ADMIN_URL = "advisors-7c2f/"
    import readiness.urls

    try:
        importlib.reload(readiness.urls)
        settings.ROOT_URLCONF = "readiness.urls"
        clear_url_caches()
        assert reverse("admin:index") == "/advisors-7c2f/"
        assert Client().get("/admin/").status_code == 404
    finally:
        settings.ADMIN_URL = "admin/"
        importlib.reload(readiness.urls)
        clear_url_caches()

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


def test_a_user_name_under_attack_is_locked_from_every_address(advisor, settings):
    settings.AXES_FAILURE_LIMIT = 2
    attacker = Client(REMOTE_ADDR="203.0.113.66")
    for _ in range(3):
        log_in(attacker, "guess")

    # The same user name from another address (the real advisor, or the attacker moving on).
    response = log_in(Client(REMOTE_ADDR="198.51.100.5"), PASSWORD)

    assert response.status_code == 429
    assert "_auth_user_id" not in Client().session


def test_another_user_from_another_address_can_still_log_in(advisor, settings):
    settings.AXES_FAILURE_LIMIT = 2
    get_user_model().objects.create_user("colleague", password=PASSWORD, is_staff=True)
    attacker = Client(REMOTE_ADDR="203.0.113.66")
    for _ in range(3):
        log_in(attacker, "guess")

    response = Client(REMOTE_ADDR="198.51.100.5").post(
        reverse("admin:login"),
        {"username": "colleague", "password": PASSWORD, "next": reverse("admin:index")},
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("admin:index")


def test_an_insiders_own_logins_do_not_reset_the_count_of_guesses_at_another_account(
    advisor, settings
):
    # The outside test: four wrong guesses at the superuser, one correct login of the insider's
    # own account, again and again, used to give unlimited guesses.
    settings.AXES_FAILURE_LIMIT = 5
    get_user_model().objects.create_user("insider", password=PASSWORD, is_staff=True)
    client = Client(REMOTE_ADDR="192.0.2.44")
    own = {"username": "insider", "password": PASSWORD, "next": reverse("admin:index")}

    for _ in range(4):
        log_in(client, "guess")
    assert client.post(reverse("admin:login"), own).status_code == 302
    client.logout()
    fifth = log_in(client, "guess")
    then = log_in(client, PASSWORD)

    assert fifth.status_code == 429
    assert then.status_code == 429


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

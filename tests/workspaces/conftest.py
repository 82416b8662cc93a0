import pytest
from django.test import Client


@pytest.fixture
def client_factory():
    """Fresh browsers: each call is a client with no cookies."""
    return Client

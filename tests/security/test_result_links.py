"""Result links: a random token is a 404, tokens cannot be enumerated, deleted means 404."""

import re
import secrets
from collections import Counter
from itertools import combinations

import pytest

from readiness.assessments.models import new_token
from tests.factory import make_assessment

URL_SAFE = re.compile(r"[A-Za-z0-9_-]{43}")


def links(token):
    return [
        f"/result/{token}/",
        f"/result/{token}.json",
        f"/result/{token}/report.pdf",
        f"/result/{token}/delete/",
    ]


@pytest.mark.django_db
def test_random_and_malformed_tokens_are_404(client):
    make_assessment()
    guesses = [secrets.token_urlsafe(32) for _ in range(10)]
    guesses += ["1", "0" * 43, "A" * 200, "%00" * 20, "..%2F..%2Fsettings", "' OR 1=1 --" * 3]

    for token in guesses:
        for url in links(token):
            assert client.get(url).status_code == 404, url


@pytest.mark.django_db
def test_near_misses_of_a_real_token_are_404(client):
    token = make_assessment().token
    flipped = token[:-1] + ("A" if token[-1] != "A" else "B")

    for near in [token[:-1], token + "A", flipped, token.upper(), token[:20], str(1)]:
        assert client.get(f"/result/{near}/").status_code == 404, near
    assert client.get(f"/result/{token}/").status_code == 200


def test_tokens_are_256_random_bits_not_a_sequence():
    tokens = [new_token() for _ in range(200)]

    assert all(URL_SAFE.fullmatch(token) for token in tokens)
    assert len(set(tokens)) == 200
    # No shared prefixes, and every one of the 64 symbols turns up: nothing counts up.
    assert all(a[:5] != b[:5] for a, b in combinations(tokens, 2))
    assert len(Counter("".join(tokens))) == 64


@pytest.mark.django_db
@pytest.mark.parametrize("page", ["/result/{}/", "/result/{}.json", "/result/{}/delete/"])
def test_result_pages_are_never_cached_and_never_send_their_address_on(client, page):
    assessment = make_assessment()

    response = client.get(page.format(assessment.token))

    # Not even a stylesheet request, let alone a scheme's website, learns the private address
    # from the Referer header; no browser or proxy keeps a copy.
    assert response.status_code == 200
    assert response["Referrer-Policy"] == "strict-origin"
    assert "no-store" in response["Cache-Control"]


@pytest.mark.django_db
def test_the_result_page_asks_not_to_be_indexed(client):
    html = client.get(make_assessment().result_url()).content.decode()

    assert '<meta name="robots" content="noindex, nofollow">' in html


@pytest.mark.django_db
def test_a_deleted_assessments_link_is_404(client):
    assessment = make_assessment()
    assert client.get(assessment.result_url()).status_code == 200

    client.post(f"/result/{assessment.token}/delete/")

    for url in links(assessment.token):
        assert client.get(url).status_code == 404, url

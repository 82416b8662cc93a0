"""The time the home page promises follows from the words a firm reads before its result."""

import math
import re

import pytest

from tests.factory import PROFILE, pillar_fields, post_step, questionnaire, uniform_answers
from tests.i18n.leftovers import visible_text

pytestmark = pytest.mark.django_db


FOLDED = re.compile(r"<details(?![^>]*\bopen\b)[^>]*>\s*(<summary.*?</summary>).*?</details>", re.S)


def main_words(html: str) -> int:
    """The words of the page's main part; of a folded section, only its summary is read."""
    main = html.split('<main id="main"')[1].split("</main>")[0]
    main = FOLDED.sub(r"\1", main)
    return len(re.findall(r"[A-Za-z0-9][A-Za-z0-9'’.,$%/-]*", visible_text("<main" + main)))


def read_through_the_wizard(client) -> dict[str, int]:
    """Every page from the profile to the contact step, as a firm meets it, in English."""
    answers = uniform_answers(3)
    words = {"profile": main_words(client.get("/assessment/profile/").content.decode())}
    post_step(client, "profile", PROFILE)
    for pillar in questionnaire().pillars:
        words[pillar.key] = main_words(client.get(f"/assessment/{pillar.key}/").content.decode())
        post_step(client, pillar.key, pillar_fields(pillar, answers))
    words["review"] = main_words(client.get("/assessment/review/").content.decode())
    post_step(client, "review", {})
    words["contact"] = main_words(client.get("/assessment/contact/").content.decode())
    return words


def test_a_firm_reads_under_2800_words_and_the_home_page_says_how_long(client):
    words = sum(read_through_the_wizard(client).values())
    minutes = math.ceil(words / 200)
    print(f"words before the result: {words}")
    assert words < 2800
    # The questionnaire states the time; a change to its text that moves it fails here.
    assert questionnaire().reading_minutes == minutes
    home = client.get("/").content.decode()
    assert f"In about {minutes} minutes you see where your firm stands" in home


def test_the_chinese_home_page_states_the_same_time(client, settings):
    settings.LANGUAGE_CODE = "zh-hant"
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hant"
    home = client.get("/").content.decode()
    assert f"約 {questionnaire().reading_minutes} 分鐘" in home

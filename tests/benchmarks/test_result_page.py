"""The comparison and the study's figures on the result page, in its JSON twin and in the PDF."""

import io

import pytest
from pypdf import PdfReader

from readiness.benchmarks.models import Exclusion
from tests.factory import make_assessment, uniform_answers

pytestmark = pytest.mark.django_db


def cohort(*values, **profile):
    return [make_assessment(uniform_answers(v), **profile) for v in values]


def test_the_page_shows_the_cohort_its_size_and_the_firms_standing(client):
    mine, *_ = cohort(3, 1, 2, 2, 3, 3, 4, 4, 5, 5, ai_functions=["marketing"])
    html = client.get(mine.result_url()).content.decode()
    section = html.split('id="comparison"')[1].split("</details>")[0]
    assert "with 10 firms in your business scope and of your size" in section
    assert "higher than that of about 45 in 100 of these firms" in section
    # Overall row: score, percentile, median, middle half.
    assert (
        '<td class="text-end">3.0</td><td class="text-end">45</td><td class="text-end">3.0</td>'
        '<td class="text-end text-nowrap">2.25–4.0</td>' in section
    )
    assert "58%: marketing" in section and "you named this too" in section
    assert "1 March 2024" in section


def test_with_nine_firms_in_all_the_page_says_why_there_is_no_comparison(client):
    mine, *_ = cohort(*[3] * 9)
    html = client.get(mine.result_url()).content.decode()
    assert "No comparison yet: fewer than 10 firms have taken the assessment so far." in html
    assert "Percentile" not in html.split('id="comparison"')[1].split("</details>")[0]


def test_a_widened_cohort_is_named(client):
    mine, *_ = cohort(*[3] * 9)
    cohort(2, employee_band="1-5")
    html = client.get(mine.result_url()).content.decode()
    assert "with 10 firms in your business scope, of any size" in html
    assert "so you are compared with a wider group" in html


def test_the_json_twin_carries_the_comparison_and_the_study_apart(client):
    mine, *_ = cohort(3, 1, 2, 2, 3, 3, 4, 4, 5, 5)
    data = client.get(f"/result/{mine.token}.json").json()
    comparison = data["comparison"]
    assert comparison["cohort"] == "scope_and_size"
    assert comparison["cohort_size"] == 10
    assert comparison["overall"] == {
        "key": "overall",
        "name": "Overall score",
        "score": "3.0",
        "percentile": "45.0",
        "median": "3.0",
        "middle_half": ["2.25", "4.0"],
    }
    assert len(comparison["pillars"]) == 5
    assert "HKU" in data["study_figures"]["source"]
    assert data["study_figures"]["groups"][0]["figures"][0]["percent"] == 41


def test_an_excluded_firm_still_sees_its_comparison_without_being_in_it(client):
    mine, *_ = cohort(3, 1, 2, 2, 3, 3, 4, 4, 5, 5)
    extra = cohort(5)[0]
    from readiness.benchmarks import membership

    membership.exclude(extra, "test run", None)
    assert Exclusion.objects.count() == 1
    data = client.get(f"/result/{extra.token}.json").json()["comparison"]
    # Compared with the 10 counted firms, itself not among them: 8 lower, 2 the same.
    assert data["cohort_size"] == 10
    assert data["overall"]["percentile"] == "90.0"


def test_the_pdf_prints_the_comparison(client):
    mine, *_ = cohort(3, 1, 2, 2, 3, 3, 4, 4, 5, 5)
    pdf = client.get(f"/result/{mine.token}/report.pdf").content
    text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(pdf)).pages)
    assert "How you compare with firms like yours" in text
    assert "10 firms in your business scope and of your size" in text


def test_a_stored_pdf_is_valid_only_while_the_comparison_is_unchanged():
    from readiness.reports.rendering import report_version

    mine, *_ = cohort(3, 1, 2, 2, 3, 3, 4, 4, 5, 5)
    before = report_version(mine)
    assert report_version(mine) == before
    cohort(1)
    assert report_version(mine) != before

"""Reading a rendered report back, the way a reader (or a search) would."""

import io
from datetime import UTC, datetime

from pypdf import PdfReader

from tests.factory import make_assessment, uniform_answers
from tests.reports.samples import advice as sample_advice


def pdf_pages(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


def squeezed(text: str) -> str:
    """Text without any whitespace, so line wraps (and Chinese line breaks) do not matter."""
    return "".join(text.split())


def pdf_fonts(pdf: bytes) -> set[str]:
    """The fonts the PDF embeds, without the subset tag ("ABCDEF+Liberation-Sans")."""
    fonts = set()
    for page in PdfReader(io.BytesIO(pdf)).pages:
        for font in page["/Resources"]["/Font"].values():
            fonts.add(str(font.get_object()["/BaseFont"]).split("+", 1)[-1])
    return fonts


def mixed_answers() -> dict[str, int]:
    """Overall 3.2 (AI Aware), with clear strongest and weakest dimensions."""
    answers = uniform_answers(3)
    for i, key in enumerate(answers):
        answers[key] = [2, 3, 4, 3, 2, 5][i % 6]
    return answers


def reported_assessment(company_name="Golden Dragon Kitchen Ltd", advice=None):
    assessment = make_assessment(mixed_answers(), company_name=company_name)
    # 10:00 in Hong Kong on 22 November 2026, whatever the time the tests run.
    assessment.created_at = datetime(2026, 11, 22, 2, 0, tzinfo=UTC)
    # A hand-written snapshot, so the matcher's advice for its own schemes does not apply.
    assessment.advice = sample_advice() if advice is None else advice
    assessment.save()
    return assessment

"""What the result page, its JSON twin and the PDF show of the comparison and, beside it, the
HKPC/HKU study's figures."""

from readiness.benchmarks.comparison import compare
from readiness.content import study


def comparison_context(assessment) -> dict:
    """Template context for firms/_comparison.html (and the PDF's section): two queries."""
    return {
        "comparison": compare(assessment),
        "study": study.load(),
        "study_groups": study.groups_for(assessment.ai_functions, assessment.difficulties),
    }


def study_json(assessment) -> dict:
    source = study.load()
    return {
        "source": f"{source.publisher.en}, {source.title.en} ({source.published.en})",
        "survey": source.survey.en,
        "note": "The study's own figures; not part of this product's comparison.",
        "groups": [
            {
                "key": group.key,
                "title": str(group.title),
                "figures": [
                    {"percent": f.percent, "text": str(f.text), "you_named_it": mine}
                    for f, mine in figures
                ],
            }
            for group, figures in study.groups_for(assessment.ai_functions, assessment.difficulties)
        ],
    }

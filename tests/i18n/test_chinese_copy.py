"""One Hong Kong copy-edit of every Chinese text a firm or advisor reads, kept: one form of
address, one term for AI with a space between it and Chinese characters, HKPC's own names."""

import re
from pathlib import Path

import pytest
import yaml
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
CJK = r"[\u3400-\u9fff]"
# Official titles keep their own spelling: 《僱員使用生成式AI的指引清單》.
TITLE = re.compile(r"《[^》]*》")
# Scheme and framework names are the issuers' own (人工智能資助計劃).
NAME_FIELDS = ("name_zh_hant",)


def _catalogue_texts():
    po = (ROOT / "locale/zh_Hant/LC_MESSAGES/django.po").read_text(encoding="utf-8")
    for number, line in enumerate(po.splitlines(), 1):
        if line.startswith(("msgstr", '"')) and not line.startswith('""'):
            yield f"django.po:{number}", line


def _yaml_texts(node, where):
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ("editor_notes", "sources"):
                continue  # for editors, in English
            if key == "zh_hant" or key.endswith("_zh_hant"):
                if isinstance(value, str) and key not in NAME_FIELDS:
                    yield f"{where}.{key}", value
            else:
                yield from _yaml_texts(value, f"{where}.{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _yaml_texts(value, f"{where}[{index}]")


def chinese_texts():
    yield from _catalogue_texts()
    for path in (
        ROOT / "readiness/content/questionnaire-2026.2.yaml",
        ROOT / "readiness/schemes/content/schemes.yaml",
    ):
        yield from _yaml_texts(yaml.safe_load(path.read_text(encoding="utf-8")), path.name)
    for path in sorted((ROOT / "templates").rglob("*.zh_hant.html")):
        yield path.name, re.sub(r"<[^>]+>", " ", path.read_text(encoding="utf-8"))


TEXTS = list(chinese_texts())


def offending(pattern: str) -> list[str]:
    found = []
    for where, text in TEXTS:
        for match in re.finditer(pattern, TITLE.sub("《》", text)):
            found.append(f"{where}: …{text[max(0, match.start() - 8) : match.end() + 8]}…")
    return found


def test_there_is_chinese_to_check():
    assert len(TEXTS) > 600


def test_firms_are_addressed_as_you_throughout():
    assert offending(r"貴公司|貴機構|閣下|您") == []


@pytest.mark.parametrize("pattern", [rf"{CJK}AI", rf"AI{CJK}"])
def test_ai_is_set_apart_from_chinese_characters_by_a_space(pattern):
    assert offending(pattern) == []


def test_one_term_for_ai():
    assert offending(r"人工智能") == []


def test_hkpc_academy_is_named_one_way():
    assert offending(r"生產力局學院|生產力促進局學院|HKPC Academy") == []


def test_fit_is_never_written_as_cooperate():
    # 「配合」 means to cooperate; a scheme that fits is 「切合」 or 「符合」.
    assert offending(r"配合") == []

"""Finding English left over in a page that should be in Traditional Chinese."""

import re
from html.parser import HTMLParser

# Names and acronyms that stay in English on the Chinese pages: brands, scheme and body
# acronyms, formats, and the acronyms the questionnaire's Chinese text itself uses.
ALLOWED_WORDS = frozenset(
    {
        "AI",
        "Singapore",
        "NITTP",
        "ESS",
        "BUD",
        "HKPC",
        "PDF",
        "JSON",
        "SVG",
        "CEF",
        "ERB",
        "TVP",
        "SME",
        "SMEs",
        "ITF",
        "DTSPP",
        "AISC",
        "Cyberport",
        "HKSTP",
        "VTC",
        "HKU",
        "URL",
        "HK",
        "TecONE",
        "POS",
        "CRM",
        "API",
        "APIs",
        "PDPO",
        "AIRI",
        "CC",
        "BY",
    }
)
# Official English names that the Chinese content quotes because they have no Chinese name.
ALLOWED_PHRASES = (
    "AI Readiness Framework",
    "Certificate in Business Applications of Generative AI",
    "Love IT.Upgrading Scheme",
    "Upskill Hong Kong",
)
# Attributes a reader or a screen reader meets.
VISIBLE_ATTRIBUTES = ("alt", "title", "aria-label", "placeholder")
URL_OR_EMAIL = re.compile(r"https?://\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# An English word, or one character that ends a run of English words (Chinese text and
# full-width punctuation); ASCII punctuation, digits and spaces do not end a run.
TOKEN = re.compile(r"[A-Za-z][A-Za-z'’-]*|[^\x00-\x7F·–—…“”‘’\u00a0]")


class _VisibleText(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("script", "style"):
            self._skip += 1
        if tag == "meta" and attrs.get("name") == "description":
            self.parts.append(attrs.get("content") or "")
        for name in VISIBLE_ATTRIBUTES:
            if attrs.get(name):
                self.parts.append(attrs[name])

    def handle_endtag(self, tag):
        if tag in ("script", "style") and self._skip:
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


def visible_text(html: str) -> str:
    """The text a reader sees or hears: tag contents and a few attributes, without scripts
    and styles. Parts are joined with spaces, so English split by inline tags still counts as
    one run."""
    parser = _VisibleText()
    parser.feed(html)
    parser.close()
    return " ".join(part.strip() for part in parser.parts if part.strip())


def english_runs(text: str, also_allowed=()) -> list[str]:
    """Runs of three or more English words with at least one not on the allow-list.

    `also_allowed` are exact strings to ignore first, such as a company name the user typed."""
    text = re.sub(r"\s+", " ", text)  # a PDF's text breaks lines anywhere
    # Longest first, so that a name is not cut by a shorter one inside it.
    for phrase in sorted({*ALLOWED_PHRASES, *also_allowed} - {""}, key=len, reverse=True):
        text = text.replace(phrase, "　")
    text = URL_OR_EMAIL.sub("　", text)
    runs, current = [], []
    for match in TOKEN.finditer(text + "　"):
        token = match.group()
        if token[0].isascii():
            current.append(token.strip("-'’"))
            continue
        if len(current) >= 3 and any(word not in ALLOWED_WORDS for word in current):
            runs.append(" ".join(current))
        current = []
    return runs

"""Logging without personal data: a result token in a logged URL is cut to its first six
characters, enough to tell two results apart, never enough to open one."""

import logging
import re

# Result tokens are 43 URL-safe characters; 20 or more such characters in a path segment are
# treated as a secret. Step names are lower-case words and stay readable.
_SECRET_LIKE = re.compile(r"[A-Za-z0-9_-]{20,}")
_WORDS = re.compile(r"[a-z_]+")
_formatter = logging.Formatter()


def mask_tokens(text: str) -> str:
    def shorten(match: re.Match) -> str:
        value = match.group()
        return value if _WORDS.fullmatch(value) else value[:6] + "…"

    return _SECRET_LIKE.sub(shorten, text)


class MaskResultTokens(logging.Filter):
    """Rewrites each record's message with tokens masked; attach it to handlers, so it also sees
    records propagated from child loggers (django.request, django.server, django.security)."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        masked = mask_tokens(message)
        if masked != message:
            record.msg, record.args = masked, None
        if record.exc_info and not record.exc_text:
            # Formatters reuse exc_text, so the traceback is masked once, here.
            record.exc_text = mask_tokens(_formatter.formatException(record.exc_info))
        return True

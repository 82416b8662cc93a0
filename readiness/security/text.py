"""Text a firm types and advisors read: no invisible control or formatting characters.

A bell or a NUL breaks the spreadsheet export and lands in logs; a right-to-left override makes
"Co Ltd" display as "dtL oC" and can disguise what an advisor reads. Such characters are refused
where a firm types (a form error at the field) and stripped where advisors read text stored
before the rule."""

import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Joiners shape emoji sequences and some scripts; they cannot reorder or hide text.
ALLOWED_FORMAT = {"\u200c", "\u200d"}


def is_invisible(character: str) -> bool:
    category = unicodedata.category(character)
    return category == "Cc" or (category == "Cf" and character not in ALLOWED_FORMAT)


def refuse_invisible_characters(value: str) -> None:
    """A form validator: control characters (tabs and newlines included, for one-line fields)
    and formatting characters such as the right-to-left override."""
    if any(is_invisible(c) for c in value):
        raise ValidationError(
            _("Remove the invisible control or formatting characters from this text."),
            code="invisible_characters",
        )


def visible(value: str) -> str:
    """`value` without control and formatting characters, for exports and the admin."""
    return "".join(c for c in value if not is_invisible(c))

"""Rendered HTML that depends only on the questionnaire content, the language and a few plain
values, kept for the life of the process: a question's fieldset, the untouched profile form.

Every firm sees the same ones, and rendering them was most of the cost of a wizard step. Each
caller builds its key from a small, closed set of values (never from free text a user typed),
so what is kept stays small; the development server's reloader empties it when a file
changes, as Django does with its own template cache."""

from collections.abc import Callable

from django.dispatch import receiver
from django.utils.autoreload import file_changed
from django.utils.safestring import SafeString

# At most a few hundred entries are possible (24 questions x 6 states x 2 languages, a profile
# form per language); the limit only guards against a mistake in a caller's key.
MAX_ENTRIES = 5000

_kept: dict[tuple, tuple[object, SafeString]] = {}


def kept(key: tuple, owner: object, render: Callable[[], SafeString]) -> SafeString:
    """render()'s output for `key`, rendered once while `owner` (the content object the
    fragment shows, whose id() is part of the key) is the same object."""
    entry = _kept.get(key)
    if entry is not None and entry[0] is owner:
        return entry[1]
    html = render()
    if len(_kept) >= MAX_ENTRIES:
        _kept.clear()
    # The entry holds the owner, so its id() cannot be reused by another object meanwhile.
    _kept[key] = (owner, html)
    return html


def size() -> int:
    return len(_kept)


@receiver(file_changed, dispatch_uid="readiness_fragments_file_changed")
def forget_on_file_change(sender, file_path, **kwargs):
    _kept.clear()

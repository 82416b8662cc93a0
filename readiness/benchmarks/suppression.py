"""The one rule for publishing a count of firms: fewer than MINIMUM_FIRMS is never shown, so no
figure can point at a single firm. The firms' comparison, the advisors' dashboard and exports
all ask here."""

MINIMUM_FIRMS = 10


def suppressed(firms: int) -> bool:
    """Whether a cell, cohort or row built from `firms` firms must be withheld."""
    return firms < MINIMUM_FIRMS


def shown(firms: int) -> int | None:
    """The count as published: itself, or None when it must be withheld."""
    return None if suppressed(firms) else firms

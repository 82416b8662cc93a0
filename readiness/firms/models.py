"""A link to continue an unfinished assessment on another device: single-use, expiring with
the unfinished assessment, and stored only as a digest of its token."""

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone


def digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class ContinueLinkQuerySet(models.QuerySet):
    def issue(self, submission_key: str, state: dict) -> str:
        """A new link to the wizard `state` (what the session holds for this run); returns the
        token, which only the e-mail carries."""
        token = secrets.token_urlsafe(32)
        self.create(
            token_digest=digest(token),
            submission_key=submission_key,
            state=state,
            expires_at=timezone.now() + timedelta(seconds=settings.SESSION_COOKIE_AGE),
        )
        return token

    def with_token(self, token: str):
        if not 20 <= len(token) <= 64:
            return None
        return self.filter(token_digest=digest(token)).first()

    def expired(self):
        return self.filter(
            models.Q(expires_at__lt=timezone.now()) | models.Q(used_at__isnull=False)
        )


class ContinueLink(models.Model):
    token_digest = models.CharField(max_length=64, unique=True)
    # The wizard run it continues: a finished run's link opens nothing.
    submission_key = models.CharField(max_length=64, db_index=True)
    # The wizard's session storage when the link was sent; emptied when the link is used.
    state = models.JSONField(default=dict)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)

    objects = ContinueLinkQuerySet.as_manager()

    def __str__(self):
        return f"continue link {self.pk}"

    @property
    def usable(self) -> bool:
        return self.used_at is None and self.expires_at > timezone.now()

    def use(self) -> dict | None:
        """The wizard state, once: of two browsers opening the link at the same moment only
        one gets it."""
        claimed = ContinueLink.objects.filter(
            pk=self.pk, used_at__isnull=True, expires_at__gt=timezone.now()
        ).update(used_at=timezone.now(), state={})
        return self.state if claimed else None

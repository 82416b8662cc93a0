"""Sessions read through Redis and kept in the database (Django's cached_db), which carry on on
the database alone while Redis is down: SESSION_ENGINE = "readiness.security.session_store".

Django's cached_db already survives a failed cache read and a failed cache write; this store
does the same for the other cache calls (the write-back after a database read, the check that
a new key is free, the delete when a key is cycled), so a firm sees no error, only slower pages.
"""

import logging

from django.contrib.sessions.backends import cached_db, db
from django.db import DatabaseError

log = logging.getLogger(__name__)


class SessionStore(cached_db.SessionStore):
    def load(self):
        try:
            return super().load()
        except DatabaseError:
            raise  # the database's own failure is not the cache's: the 503 page
        except Exception:  # the Redis client raises its own connection errors
            log.warning("sessions: the cache does not answer; reading the database", exc_info=True)
            return db.SessionStore.load(self)

    def exists(self, session_key):
        try:
            return super().exists(session_key)
        except DatabaseError:
            raise
        except Exception:
            log.warning("sessions: the cache does not answer; asking the database", exc_info=True)
            return db.SessionStore.exists(self, session_key)

    def delete(self, session_key=None):
        # The database row goes first (cached_db deletes it before the cache entry).
        try:
            super().delete(session_key)
        except DatabaseError:
            raise
        except Exception:
            log.warning("sessions: the cache does not answer; deleted in the database only")

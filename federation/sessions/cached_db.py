"""Cached database sessions that save only what a request changed (see federation/sessions)."""

from django.contrib.sessions.backends import cached_db

from federation.sessions import ChangesOnlyMixin


class SessionStore(ChangesOnlyMixin, cached_db.SessionStore):
    pass

"""Cached database sessions that save only what a request changed (see config/sessions)."""

from django.contrib.sessions.backends import cached_db

from config.sessions import ChangesOnlyMixin


class SessionStore(ChangesOnlyMixin, cached_db.SessionStore):
    pass

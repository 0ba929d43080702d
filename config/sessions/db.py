"""Database sessions that save only what a request changed (see config/sessions)."""

from django.contrib.sessions.backends import db

from config.sessions import ChangesOnlyMixin


class SessionStore(ChangesOnlyMixin, db.SessionStore):
    pass

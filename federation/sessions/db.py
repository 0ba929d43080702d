"""Database sessions that save only what a request changed (see federation/sessions)."""

from django.contrib.sessions.backends import db

from federation.sessions import ChangesOnlyMixin


class SessionStore(ChangesOnlyMixin, db.SessionStore):
    pass

"""What every server of the shop runs the same way, whichever part of it it serves: the base settings and the
environment they are read from, per-feature settings read over their defaults, sessions that merge, the visitor's
address, login lockouts, the one error shape, database ids and the Vary middleware.

Site plumbing, not the micro-frontend runtime (that is `federation`): the bottom layer, which imports nothing of
the shop's other packages, so every one of them may use it.
"""

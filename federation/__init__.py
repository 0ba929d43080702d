"""The federation runtime shared by the host and every remote.

How a remote declares itself (`remote`), mounts and props (`mounting`), links to host routes (`links`), custom
events (`events`), standalone pages (`standalone`), the wire and server of a remote over HTTP (`wire`, `served`),
sessions that merge (`sessions`), client addresses and lockouts, and the base settings.
"""

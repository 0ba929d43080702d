"""The federation runtime shared by the host and every remote.

How a remote declares itself (`remote`), its mount points and props (`components`), the request context they
share (`context`), links to host routes (`links`), custom events (`events`), the htmx policy (`htmx`), standalone
pages (`standalone`), and the wire and server of a remote over HTTP (`over_http`, `served_settings`). What every
server runs alike but is not about remotes (settings, sessions, addresses, lockouts, errors) is in `config`.
"""

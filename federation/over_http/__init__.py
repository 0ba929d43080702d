"""The wire between a host and a remote served by its own server: the sealed context, the signed answer, the props and
effects they carry (wire.py), and the remote server's side of it (served.py)."""

"""The federation runtime shared by the host and every remote: how a remote declares itself, and base settings."""

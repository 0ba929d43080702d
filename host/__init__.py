"""The host: the Django project that owns routing and layout and mounts the remotes by name."""

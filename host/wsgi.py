"""WSGI entry point of the host."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "host.settings")

application = get_wsgi_application()

"""Run the products remote alone: `manage.py runserver 8001 --settings=apps.products.standalone.settings`."""

from config.base_settings import *  # noqa: F403
from config.base_settings import BASE_APPS

INSTALLED_APPS = [*BASE_APPS, "api", "apps.products"]
ROOT_URLCONF = "apps.products.standalone.urls"

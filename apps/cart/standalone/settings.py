"""Run the cart remote alone: `manage.py runserver 8002 --settings=apps.cart.standalone.settings`."""

from config.base_settings import *  # noqa: F403
from config.base_settings import BASE_APPS

INSTALLED_APPS = [*BASE_APPS, "api", "apps.cart"]
ROOT_URLCONF = "apps.cart.standalone.urls"

"""Run the payment remote alone: `manage.py runserver 8003 --settings=apps.payment.standalone.settings`."""

from config.base_settings import *  # noqa: F403
from config.base_settings import BASE_APPS

INSTALLED_APPS = [*BASE_APPS, "api", "apps.payment"]
ROOT_URLCONF = "apps.payment.standalone.urls"

"""Run the analytics remote alone: `manage.py runserver 8004 --settings=apps.analytics.standalone.settings`."""

from config.base_settings import *  # noqa: F403
from config.base_settings import BASE_APPS

INSTALLED_APPS = [*BASE_APPS, "apps.analytics"]
ROOT_URLCONF = "apps.analytics.standalone.urls"

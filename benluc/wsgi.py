"""WSGI entry point for gunicorn (`make serve`)."""
import os

from django.core.wsgi import get_wsgi_application

from benluc import read_env_file

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "benluc.settings")
read_env_file()
application = get_wsgi_application()

"""ASGI entry point, for servers that speak ASGI."""
import os

from django.core.asgi import get_asgi_application

from benluc import read_env_file

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "benluc.settings")
read_env_file()
application = get_asgi_application()

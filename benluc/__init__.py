"""The Bến Lức newsroom CMS project package."""

import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent


def read_env_file():
    """Load `.env` beside manage.py into the environment; variables already set win.

    Called by the programs a person starts (manage.py, gunicorn, the WSGI and ASGI
    entry points), never by the settings module: the test suite imports the
    settings directly and so never sees a developer's `.env`. `ENV_FILE` names
    another file; `ENV_FILE=` (empty) reads none.
    """
    import environ

    path = os.environ.get("ENV_FILE", str(BASE_DIR / ".env"))
    if path and os.path.isfile(path):
        environ.Env.read_env(path)

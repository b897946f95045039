"""Mail that must never hold up or break a request."""

import logging
import threading

from django.conf import settings

logger = logging.getLogger(__name__)


def _send(message):
    try:
        message.send()
    except Exception:
        logger.exception("Could not send %r", message.subject)


def send_in_background(message):
    """Send `message` in a thread (or at once when MAIL_IN_BACKGROUND is off); never raises.

    Call it from `transaction.on_commit`: nothing is sent for work that was
    rolled back. A task queue can take this over without touching the callers.
    """
    if getattr(settings, "MAIL_IN_BACKGROUND", True):
        thread = threading.Thread(target=_send, args=[message], daemon=True)
        thread.start()
        return thread
    _send(message)
    return None

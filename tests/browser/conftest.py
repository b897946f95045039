"""Playwright + Debian's Chromium against a live server running the real stack.

The server runs the project's WSGI handler as gunicorn would, so WhiteNoise
serves the collected, hashed static files (`make test` runs collectstatic) and
the CSP header applies. Playwright never downloads a browser: it drives
/usr/bin/chromium.
"""

import os
import shutil
import socket
import threading
import time

import pytest
from django.core.servers.basehttp import ThreadedWSGIServer
from django.test.testcases import LiveServerThread

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-quic",
    "--no-first-run",
    "--disable-sync",
]

# Playwright's sync API runs an event loop in this thread; Django refuses ORM
# calls from such a thread unless told the code is really synchronous (it is).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)


class _JoiningServer(ThreadedWSGIServer):
    """The live server, which waits (a few seconds at most) for the requests it is still
    answering when it stops.

    A page closed at the end of a test may still send a last request (the editor's
    "đang sửa" release goes out as the tab closes). Answered after the test's database
    flush began, on the shared in-memory SQLite connection, such a request's transaction
    swallowed the flush and the next test found the previous one's rows.
    """

    def process_request(self, request, client_address):
        thread = threading.Thread(
            target=self.process_request_thread, args=(request, client_address), daemon=True
        )
        self.__dict__.setdefault("requests", []).append((thread, request))
        thread.start()

    def server_close(self):
        super().server_close()
        requests = self.__dict__.get("requests", [])
        for _thread, request in requests:
            # Idle keep-alive connections stop waiting for another request at once;
            # a request being answered still writes its response.
            try:
                request.shutdown(socket.SHUT_RD)
            except OSError:
                pass
        deadline = time.monotonic() + 5
        for thread, _request in requests:
            thread.join(max(0.0, deadline - time.monotonic()))


class _JoiningLiveServerThread(LiveServerThread):
    server_class = _JoiningServer


@pytest.fixture
def site_url(transactional_db, settings):
    """Base URL of a live server running the project's full middleware stack."""
    from django.db import connections

    settings.ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
    settings.DEBUG = False
    connection = connections["default"]
    override = {}
    if connection.vendor == "sqlite" and connection.is_in_memory_db():
        # The server thread must see this test's in-memory database.
        override["default"] = connection
        connection.inc_thread_sharing()
    thread = _JoiningLiveServerThread("127.0.0.1", lambda handler: handler, override, 0)
    thread.daemon = True
    thread.start()
    thread.is_ready.wait()
    if thread.error:
        raise thread.error
    try:
        yield f"http://127.0.0.1:{thread.port}"
    finally:
        # The thread sharing is deliberately not undone: the browser's keep-alive
        # connections close after this teardown, and their request threads then
        # touch the (never really closed) in-memory connection.
        thread.terminate()


@pytest.fixture(scope="session")
def chromium():
    from playwright.sync_api import sync_playwright

    if not os.path.exists(CHROMIUM):
        pytest.fail("Chromium is missing: `make test` installs Debian's chromium package.")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(chromium):
    """A fresh browser tab; `page.console_errors` collects JS errors and CSP violations."""
    context = chromium.new_context(locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh")
    tab = context.new_page()
    tab.console_errors = []
    tab.on("console", lambda msg: msg.type == "error" and tab.console_errors.append(msg.text))
    tab.on("pageerror", lambda exc: tab.console_errors.append(str(exc)))
    yield tab
    context.close()


@pytest.fixture(scope="session", autouse=True)
def _close_live_server_connections(django_db_setup, django_db_blocker):
    """Before the test database is dropped, end sessions that server threads left open.

    A thread serving a browser's keep-alive connection keeps its own PostgreSQL
    session; DROP DATABASE then fails with "being accessed by other users".
    """
    yield
    from django.db import connection

    if connection.vendor == "postgresql":
        with django_db_blocker.unblock(), connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )

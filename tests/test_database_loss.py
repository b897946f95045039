"""A request whose database connection dies: a GET is retried once, anything else gets a 503."""

import pytest
from django.db import InterfaceError, OperationalError, connection
from django.http import HttpResponse
from django.test import Client
from django.urls import path
from lxml import html as lxml_html

# This module is also the URLconf of its tests: views that lose the database on demand.
FAILURES = {"left": 0, "error": OperationalError, "calls": 0}


def flaky(request):
    """Fails like a killed connection FAILURES["left"] times, then answers from the database."""
    FAILURES["calls"] += 1
    if FAILURES["left"]:
        FAILURES["left"] -= 1
        raise FAILURES["error"]("server closed the connection unexpectedly")
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return HttpResponse("Bài viết vẫn đọc được.")


def broken(request):
    raise ValueError("a bug of ours")


urlpatterns = [path("flaky/", flaky), path("broken/", broken)]
handler500 = "benluc.views.server_error"


@pytest.fixture
def reader(db):
    FAILURES.update(left=0, error=OperationalError, calls=0)
    return Client(raise_request_exception=False)


pytestmark = pytest.mark.urls(__name__)


@pytest.mark.parametrize("error", [OperationalError, InterfaceError])
def test_a_get_whose_connection_died_is_retried_once(reader, error):
    FAILURES.update(left=1, error=error)
    response = reader.get("/flaky/")
    assert response.status_code == 200
    assert response.content.decode() == "Bài viết vẫn đọc được."
    assert FAILURES["calls"] == 2


def test_a_get_that_fails_twice_gets_the_vietnamese_503(reader):
    FAILURES.update(left=2)
    response = reader.get("/flaky/")
    assert response.status_code == 503
    assert response["Retry-After"] == "10"
    assert "no-store" in response["Cache-Control"]
    page = lxml_html.fromstring(response.content)
    assert page.get("lang") == "vi"
    assert page.xpath("string(//h1)") == "Hệ thống đang tạm gián đoạn"
    assert page.xpath("//link[@rel='stylesheet']")  # the site's look
    assert FAILURES["calls"] == 2  # once, and once more: never a loop


def test_a_post_is_not_replayed(reader):
    FAILURES.update(left=1)
    response = reader.post("/flaky/", {"body": "Ý kiến"})
    assert response.status_code == 503
    assert "gửi lại" in response.content.decode()
    assert FAILURES["calls"] == 1


@pytest.mark.django_db(transaction=True)  # as in production: no transaction around the request
def test_the_broken_connection_is_closed_and_the_next_request_works(reader):
    FAILURES.update(left=2)
    connection.ensure_connection()
    assert reader.get("/flaky/").status_code == 503
    if connection.vendor == "postgresql":  # SQLite's in-memory test database is never closed
        assert connection.connection is None
    assert reader.get("/flaky/").status_code == 200


def test_a_bug_is_still_a_500(reader):
    response = reader.get("/broken/")
    assert response.status_code == 500
    assert "Retry-After" not in response

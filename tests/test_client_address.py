"""One notion of the client address: forwarding headers count only from a trusted proxy."""

import logging

import pytest
from django.urls import reverse

from benluc import network
from comments.models import Comment

PROXY = "10.0.0.2"


@pytest.mark.parametrize(
    "trusted, remote, forwarded, expected",
    [
        ([], "198.51.100.9", "", "198.51.100.9"),
        ([], "198.51.100.9", "203.0.113.7", "198.51.100.9"),  # no proxy of ours: header ignored
        ([PROXY], "198.51.100.9", "203.0.113.7", "198.51.100.9"),  # a stranger forging the header
        ([PROXY], PROXY, "203.0.113.7", "203.0.113.7"),
        ([PROXY], PROXY, "1.2.3.4, 203.0.113.7", "203.0.113.7"),  # the left part is the client's own claim
        (["10.0.0.0/8"], PROXY, "203.0.113.7, 10.1.1.1", "203.0.113.7"),  # two proxies of ours
        (["10.0.0.0/8"], PROXY, "10.9.9.9, 10.1.1.1", "10.9.9.9"),  # all ours: the farthest
        ([PROXY], PROXY, "", PROXY),
        ([PROXY], PROXY, "khong-phai-ip", PROXY),  # unreadable: stop at what we can vouch for
        (["10.0.0.0/8"], PROXY, "203.0.113.7, unknown, 10.1.1.1", "10.1.1.1"),
        ([PROXY], PROXY, "203.0.113.7:51234", "203.0.113.7"),
        (["::1"], "::1", "[2001:db8::7]:443", "2001:db8::7"),
        ([], "::ffff:198.51.100.9", "", "198.51.100.9"),
    ],
)
def test_client_address(rf, settings, trusted, remote, forwarded, expected):
    settings.TRUSTED_PROXIES = trusted
    request = rf.get("/", REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR=forwarded)
    assert network.client_ip(request) == expected


@pytest.mark.parametrize("trusted, secure", [([], False), (["127.0.0.1"], True)])
def test_forwarded_proto_is_believed_only_from_a_trusted_proxy(db, client, settings, trusted, secure):
    settings.TRUSTED_PROXIES = trusted
    settings.SECURE_SSL_REDIRECT = True
    response = client.get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_PROTO="https")
    # Believed: the request counts as HTTPS and is served; forged: redirected to https.
    assert (response.status_code != 301) is secure
    if not secure:
        assert response["Location"].startswith("https://")


def test_a_bad_trusted_proxies_value_stops_the_start(run_manage, production_env):
    result = run_manage("check", env={**production_env, "TRUSTED_PROXIES": "10.0.0.1,nginx"})
    assert result.returncode != 0
    assert "TRUSTED_PROXIES: 'nginx' is not an IP address" in result.stderr


# --- Admin login: the lock is per (login, client address) ------------------------------
def _login(client, username, password, address):
    return client.post(
        reverse("admin:login"), {"username": username, "password": password, "next": "/admin/"},
        REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=address,
    )


def test_wrong_passwords_from_one_address_do_not_lock_the_owner_out_from_another(client, editor, settings):
    settings.TRUSTED_PROXIES = [PROXY]
    statuses = [_login(client, "bientap", "doan-bua", "198.51.100.66").status_code
                for _ in range(settings.AXES_FAILURE_LIMIT)]
    assert statuses == [200] * (settings.AXES_FAILURE_LIMIT - 1) + [429]
    # The guesser's address is locked for this login, even with the right password...
    assert _login(client, "bientap", "mat-khau-thu", "198.51.100.66").status_code == 429
    # ...the owner, elsewhere behind the same proxy, is not.
    response = _login(client, "bientap", "mat-khau-thu", "203.0.113.20")
    assert response.status_code == 302 and response["Location"] == reverse("admin:index")


def test_a_forged_forwarded_for_does_not_dodge_the_lock(client, editor, settings):
    settings.TRUSTED_PROXIES = []  # the guesser talks to gunicorn directly
    for n in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("admin:login"), {"username": "bientap", "password": "doan-bua"},
                    REMOTE_ADDR="198.51.100.66", HTTP_X_FORWARDED_FOR=f"203.0.113.{n}")
    response = client.post(reverse("admin:login"), {"username": "bientap", "password": "mat-khau-thu"},
                           REMOTE_ADDR="198.51.100.66", HTTP_X_FORWARDED_FOR="203.0.113.99")
    assert response.status_code == 429


def test_an_administrator_unlocks_with_axes_reset_username(client, editor, settings):
    from django.core.management import call_command

    settings.TRUSTED_PROXIES = [PROXY]
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login(client, "bientap", "doan-bua", "198.51.100.66")
    assert _login(client, "bientap", "mat-khau-thu", "198.51.100.66").status_code == 429
    call_command("axes_reset_username", "bientap")
    assert _login(client, "bientap", "mat-khau-thu", "198.51.100.66").status_code == 302


# --- Comments: the rate limit and the IP rules use the same address -------------------------
def test_changing_the_forwarded_header_does_not_reset_the_rate_limit(client, block_url, comment_data, settings):
    settings.TRUSTED_PROXIES = []
    settings.COMMENTS = {**settings.COMMENTS, "RATE_LIMIT": 2}
    for n in range(2):
        assert client.post(block_url, comment_data(), REMOTE_ADDR="198.51.100.5",
                           HTTP_X_FORWARDED_FOR=f"203.0.113.{n}").status_code == 201
    response = client.post(block_url, comment_data(), REMOTE_ADDR="198.51.100.5",
                           HTTP_X_FORWARDED_FOR="203.0.113.77")
    assert response.status_code == 429
    assert set(Comment.objects.values_list("ip", flat=True)) == {"198.51.100.5"}


def test_readers_behind_our_proxy_are_told_apart(client, block_url, comment_data, settings):
    settings.TRUSTED_PROXIES = [PROXY]
    settings.COMMENTS = {**settings.COMMENTS, "RATE_LIMIT": 1}
    for address in ("203.0.113.1", "203.0.113.2"):
        assert client.post(block_url, comment_data(), REMOTE_ADDR=PROXY,
                           HTTP_X_FORWARDED_FOR=address).status_code == 201
    assert sorted(Comment.objects.values_list("ip", flat=True)) == ["203.0.113.1", "203.0.113.2"]


def test_log_records_carry_the_client_address(rf, settings):
    settings.TRUSTED_PROXIES = [PROXY]
    request = rf.get("/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="203.0.113.7")
    record = logging.LogRecord("django.request", logging.WARNING, __file__, 1, "Not Found", (), None)
    record.request = request
    network.ClientAddressFilter().filter(record)
    assert record.client_ip == "203.0.113.7"
    bare = logging.LogRecord("x", logging.WARNING, __file__, 1, "no request", (), None)
    network.ClientAddressFilter().filter(bare)
    assert bare.client_ip == "-"

"""Who is asking: the client's address, believed from a forwarding header only when a trusted proxy sent it.

`settings.TRUSTED_PROXIES` lists the addresses and networks of our own reverse
proxies (nginx, a load balancer); it is empty by default, and then the
address is the TCP peer's (`REMOTE_ADDR`) whatever headers say. Behind
trusted proxies, `X-Forwarded-For` is read from the right: each proxy appends
the address it was connected from, so the first entry that is not one of
ours is the client (everything further left was written by the client and
proves nothing). Axes, the comment rules and the logs all use `client_ip`.

Why not django-ipware: it reads `X-Forwarded-For` without first asking
whether the peer is a proxy of ours, and its trusted-proxy list matches
string prefixes rather than networks.
"""

import ipaddress
import logging
from functools import lru_cache

from django.conf import settings

logger = logging.getLogger(__name__)

# Headers that only a trusted proxy may set (WSGI names).
FORWARDED_HEADERS = ("HTTP_X_FORWARDED_FOR", "HTTP_X_FORWARDED_PROTO")


@lru_cache(maxsize=8)
def _networks(entries):
    return tuple(ipaddress.ip_network(entry, strict=False) for entry in entries)


def trusted_networks():
    """`settings.TRUSTED_PROXIES` as networks (validated when settings load)."""
    return _networks(tuple(settings.TRUSTED_PROXIES))


def parse_address(value):
    """An IP address as written in a header or REMOTE_ADDR, or None.

    Accepts `203.0.113.7`, `203.0.113.7:4711`, `2001:db8::1`, `[2001:db8::1]:4711`;
    an IPv4-mapped IPv6 address is given as IPv4.
    """
    value = (value or "").strip()
    if value.startswith("["):
        value = value[1:].partition("]")[0]
    elif value.count(":") == 1:  # IPv4 with a port
        value = value.partition(":")[0]
    try:
        address = ipaddress.ip_address(value)
    except ValueError:
        return None
    if address.version == 6 and address.ipv4_mapped:
        return address.ipv4_mapped
    return address


def is_trusted_proxy(address):
    """Whether `address` (str or ip_address) is one of our own proxies."""
    if isinstance(address, str):
        address = parse_address(address)
    return address is not None and any(address in network for network in trusted_networks())


def client_address(meta):
    """The client's address from a WSGI environ or `request.META`, as a string (None if unknown)."""
    peer = parse_address(meta.get("REMOTE_ADDR"))
    if peer is None or not is_trusted_proxy(peer):
        return str(peer) if peer else None
    client = peer
    hops = meta.get("HTTP_X_FORWARDED_FOR", "").split(",")
    for hop in reversed(hops):
        address = parse_address(hop)
        if address is None:
            # A trusted proxy wrote something we cannot read: stop at the last
            # address we can vouch for rather than believe what lies beyond.
            break
        client = address
        if not is_trusted_proxy(address):
            break
    return str(client)


def client_ip(request):
    """The client's address for `request` (see the module docstring)."""
    return client_address(request.META)


class ForwardedHeadersMiddleware:
    """Drop forwarding headers that did not come from a trusted proxy.

    Django believes `SECURE_PROXY_SSL_HEADER` whoever sends it; removing the
    header here (first in MIDDLEWARE) makes a forged `X-Forwarded-Proto: https`
    from a direct client mean nothing, and keeps forged `X-Forwarded-For`
    out of anything that might read it later.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not is_trusted_proxy(request.META.get("REMOTE_ADDR")):
            for header in FORWARDED_HEADERS:
                request.META.pop(header, None)
        return self.get_response(request)


class ClientAddressFilter(logging.Filter):
    """Give every log record a `client_ip` (from the record's request, if it has one)."""

    def filter(self, record):
        request = getattr(record, "request", None)
        meta = getattr(request, "META", None)
        record.client_ip = (client_address(meta) if meta else None) or "-"
        return True

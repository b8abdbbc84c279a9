"""Which client a request comes from, for the per-client limits.

An IPv4 address is one client. An IPv6 client is handed a whole /64 by its
provider (one home, one phone, one VM): counted per address, it could open a
fresh session, websocket or upload quota from each of its 2**64 addresses.
So IPv6 addresses count by their /64 (an IPv4 address mapped into IPv6 as
itself). Anything that is not an IP address (a unix socket, a test client's
name) is its own key.
"""

from __future__ import annotations

import ipaddress
from functools import lru_cache

IPV6_PREFIX = 64  # the block one IPv6 client is given (RFC 6177): counted as one client


@lru_cache(maxsize=4096)
def client_key(address: str | None) -> str:
    """The key the per-client limits count *address* under: ``"2001:db8:1:2::/64"``, ``"10.0.0.1"``."""
    if not address:
        return "?"
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])  # a scope id (fe80::1%eth0) names no other client
    except ValueError:
        return address[:100]
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:
            return str(ip.ipv4_mapped)
        return str(ipaddress.IPv6Network((int(ip) >> (128 - IPV6_PREFIX) << (128 - IPV6_PREFIX), IPV6_PREFIX)))
    return str(ip)


def request_client() -> str:
    """:func:`client_key` of the current Flask request's ``remote_addr``."""
    from flask import request

    return client_key(request.remote_addr)

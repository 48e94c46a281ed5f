"""The address of the person behind a request, for rate limits and sign-in lockouts.

``X-Forwarded-For`` is a list that every hop appends to, and a client can start it with
anything it likes. Only the entries added by our own proxies can be believed, so the
address is read ``TRUSTED_PROXY_COUNT`` entries from the right: 0 (the default, no proxy)
takes the socket's address and ignores the header; 1 (one reverse proxy, as README
recommends) takes the last entry, the one the proxy wrote; and so on.
"""

import ipaddress

from django.conf import settings
from django.utils.crypto import salted_hmac


def client_ip(request) -> str:
    """The client's address as our own proxies saw it; never a value the client chose."""
    remote = request.META.get("REMOTE_ADDR", "") or "0.0.0.0"  # noqa: S104 (a key, not a bind)
    proxies = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if proxies <= 0:
        return remote
    hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if hop.strip()]
    if len(hops) < proxies:
        # Fewer hops than proxies: the request did not come through them all, so the
        # header is not ours; the socket's peer is the best we know.
        return remote
    candidate = hops[-proxies]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote


def visitor_key(request) -> str:
    """A keyed hash of the client's connection: tells two visitors apart (problem reports
    count different visitors) without storing an address anyone could read back. An IPv6
    connection is its /64, as for the rate limits: one home or phone has a whole /64, and each
    of its addresses must not count as another person."""
    address = ipaddress.ip_address(client_ip(request))
    if address.version == 6:
        address = ipaddress.ip_network(f"{address}/64", strict=False).network_address
    return salted_hmac("opengov.visitor", str(address), algorithm="sha256").hexdigest()

"""The address of the person at the other end, for django-axes' lockouts.

Behind nginx every request comes from the proxy's address. nginx appends the address it was
called from to X-Forwarded-For; anything to the left of that was written by the client and can
be forged. So the header is believed only when the request comes from a trusted proxy
(settings.TRUSTED_PROXIES), and then read from the right, skipping further trusted proxies
(a load balancer in front of nginx). TRUSTED_PROXIES must name the proxies only: a client on a
trusted network would be skipped like a proxy, and the address it wrote believed.
"""

import ipaddress
from functools import lru_cache

from django.conf import settings


@lru_cache(maxsize=8)
def _networks(trusted):
    return tuple(ipaddress.ip_network(entry, strict=False) for entry in trusted)


def _parse(address):
    try:
        return ipaddress.ip_address(address.strip())
    except ValueError:
        return None


def _is_trusted(address):
    return any(address in network for network in _networks(tuple(settings.TRUSTED_PROXIES)))


def client_ip(request):
    remote = request.META.get("REMOTE_ADDR", "")
    peer = _parse(remote)
    if peer is None or not _is_trusted(peer):
        return remote
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    for hop in reversed(forwarded.split(",")):
        address = _parse(hop)
        if address is None:
            break  # a malformed entry: nothing left of it can be trusted
        if not _is_trusted(address):
            return str(address)
    return remote

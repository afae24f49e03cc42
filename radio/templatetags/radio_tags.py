from django import template

from ..views import newest_broadcast as newest

register = template.Library()


@register.simple_tag
def newest_broadcast():
    """The newest public broadcast, or None (cached: no query while nothing public changes)."""
    broadcast = newest()
    return None if broadcast == "none" else broadcast

from django import template

from ..views import newest_broadcast

register = template.Library()

# The newest public broadcast, or None (cached: no query while nothing public changes).
register.simple_tag(newest_broadcast, name="newest_broadcast")

"""Times as the newsroom and readers see them: in the site's time zone, through the named
formats of portal/formats/vi (DATETIME_FORMAT "Thứ Ba, 13/10/2020 08:30", SHORT_DATETIME_FORMAT
"13/10/2020 08:30"), never a format string written again where a time is shown."""

import functools

from django.utils import formats, timezone
from django.utils.translation import get_language


def local_datetime(value, format_name="DATETIME_FORMAT"):
    """`value` (an aware datetime) in the site's time zone and the named format; "" for None."""
    if not value:
        return ""
    return _formatted(value, format_name, get_language(), timezone.get_current_timezone_name())


def iso_datetime(value):
    """`value` in the site's time zone as ISO 8601 ("2020-10-13T08:30:00+07:00"), for the
    datetime of a <time> element; "" for None."""
    return local_datetime(value, "c")  # a format string that is not a setting's name: as is


# A list shows the same articles' times on every request: each formatted once per language
# (a search results page formatted forty, a millisecond of its time).
@functools.lru_cache(maxsize=10_000)
def _formatted(value, format_name, language, zone):
    return formats.date_format(timezone.localtime(value), format_name)

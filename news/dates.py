"""Times as the newsroom and readers see them: in the site's time zone, through the named
formats of portal/formats/vi (DATETIME_FORMAT "Thứ Ba, 13/10/2020 08:30", SHORT_DATETIME_FORMAT
"13/10/2020 08:30"), never a format string written again where a time is shown."""

from django.utils import formats, timezone


def local_datetime(value, format_name="DATETIME_FORMAT"):
    """`value` (an aware datetime) in the site's time zone and the named format; "" for None."""
    if not value:
        return ""
    return formats.date_format(timezone.localtime(value), format_name)

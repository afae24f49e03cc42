"""The Content-Security-Policy middleware, with the admin's few extra sources.

django-csp builds the header from settings.CONTENT_SECURITY_POLICY; pages under ADMIN_URL get
settings.ADMIN_CONTENT_SECURITY_POLICY_UPDATE added, because the admin's rich-text editor needs
them and the public pages must not have them.
"""

from csp.middleware import CSPMiddleware
from django.conf import settings


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only and request.path_info.startswith(f"/{settings.ADMIN_URL}"):
            update = {
                directive: list(sources)
                for directive, sources in settings.ADMIN_CONTENT_SECURITY_POLICY_UPDATE.items()
            }
            for directive, sources in (parts.update or {}).items():
                update.setdefault(directive, []).extend(sources)
            parts.update = update
        return parts

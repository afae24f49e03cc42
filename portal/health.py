"""/healthz: is this process able to serve pages, i.e. does the database answer?

A middleware rather than a view: the probes (the container's healthcheck, a load balancer)
call gunicorn directly under an internal address, which ALLOWED_HOSTS rightly rejects, over
plain HTTP. Answering before host validation, sessions and CSRF also means a probe never
creates a session nor gets a cookie. SECURE_REDIRECT_EXEMPT keeps it from being sent to HTTPS.
"""

import logging

from django.db import DatabaseError, connection
from django.http import HttpResponse

PATH = "/healthz"

logger = logging.getLogger(__name__)


def database_answers():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except DatabaseError:
        logger.warning("Health check: the database does not answer", exc_info=True)
        return False


class HealthCheckMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info != PATH:
            return self.get_response(request)
        healthy = database_answers()
        response = HttpResponse(
            "ok\n" if healthy else "database unavailable\n",
            content_type="text/plain; charset=utf-8",
            status=200 if healthy else 503,
        )
        response["Cache-Control"] = "no-store"
        return response

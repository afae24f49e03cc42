"""Refuses with 400 two kinds of query string that no page or link of the site makes and that
would otherwise end in a server error.

- A NUL byte (%00): PostgreSQL text cannot hold one, so a query with it is an error in the
  database, wherever the value is used (a search, the admin's autocomplete, a filter). A path
  with one never reaches the database (an article's slug in its address is only compared with
  the stored one), and form fields refuse it in posted text (Django's
  ProhibitNullCharactersValidator).
- An empty `_to_field` in the admin: Django's change and delete views look up a field named "".
"""

from django.core.exceptions import BadRequest


class RefuseMalformedQueriesMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        query = request.META.get("QUERY_STRING", "")
        if "%00" in query:
            raise BadRequest("NUL byte in the query string")
        if "_to_field=" in query and request.GET.get("_to_field") == "":
            raise BadRequest("empty _to_field")
        return self.get_response(request)

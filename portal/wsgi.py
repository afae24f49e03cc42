import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
django_application = get_wsgi_application()

# The article page's view counter is answered before Django builds a request (it needs none).
from news.view_counts import CounterApp  # noqa: E402 (Django is set up above)

application = CounterApp(django_application)

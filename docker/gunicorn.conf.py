"""gunicorn settings of the portal image; the Dockerfile's CMD names this file.

Sync workers: nginx reads each request in full before passing it on and takes the response
at once, so a worker is busy only while Django works, never while a phone on a slow line sends
or receives.
"""

import os

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", "3"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 30
# A worker is replaced after about 20,000 requests, so a slow leak never grows unbounded. Each
# replacement loads Django anew (about a second of CPU): at 1,000, a crowd reading cached pages
# kept every worker restarting every few seconds, and the site served 40% fewer pages
# (`make bench`, framework ceiling: 1,650 requests/s against 2,650).
max_requests = 20_000
max_requests_jitter = 2_000
# Django is loaded once, in the master process, and each worker starts as a copy of it: a
# replaced worker serves at once, and the workers share the memory of the loaded code.
preload_app = True
# The proxies allowed to say the request came over HTTPS: the same list Django trusts.
forwarded_allow_ips = os.environ.get("TRUSTED_PROXIES", "127.0.0.1,::1")

# Standard output, one line per request: client (as the proxy saw it), request line, status,
# response bytes, duration in milliseconds, user agent. Errors, with tracebacks, on stderr.
accesslog = "-"
errorlog = "-"
access_log_format = '%({x-forwarded-for}i)s "%(r)s" %(s)s %(B)s %(M)sms "%(a)s"'

# No control socket: nothing here uses gunicornc, and the image's files are read-only.
control_socket_disable = True

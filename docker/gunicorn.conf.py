"""gunicorn settings of the portal image; the Dockerfile's CMD names this file.

Sync workers: nginx reads each request in full before passing it on and takes the response
at once, so a worker is busy only while Django works, never while a phone on a slow line sends
or receives.
"""

import os

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
# Three on two cores: with four, uncached searches and category pages were no faster (`make
# bench` at 100,000 articles, 2026-11-30: 117-120 against 94-122 searches a second for a common
# word, 381-437 against 456-476 category pages): the cores are busy already.
workers = int(os.environ.get("WEB_CONCURRENCY", "3"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 30
# A worker is replaced after about 200,000 requests, so a slow leak never grows unbounded.
# A new worker starts with empty caches (its cached pages and fragments, its database
# connection): at 1,000, a crowd reading cached pages kept every worker restarting every few
# seconds and the site served 40% fewer pages (`make bench`, framework ceiling: 1,650
# requests/s against 2,650); at 20,000, with cached pages at 2,900 requests/s, a worker
# restarted every 20 s and the rows of cached pages had a p99 up to 308 ms against 16 to 19.
max_requests = 200_000
max_requests_jitter = 20_000
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

"""The newsroom's admin, one module per concern: articles (list, form, workflow steps,
revisions and preview links), their photos, categories, site settings and the login form.
Importing the package registers them all."""

from . import articles, categories, login, pages, site  # noqa: F401

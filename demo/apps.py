from django.apps import AppConfig


class DemoConfig(AppConfig):
    # No models and no admin pages: the name is never shown to editors, so it is not translated.
    name = "demo"
    verbose_name = "Demo content"

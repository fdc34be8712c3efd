from django.apps import AppConfig


class WebConfig(AppConfig):
    """The web pages people use every day; thin views over the apps' selectors and services."""

    name = "web"

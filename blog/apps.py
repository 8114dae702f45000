from django.apps import AppConfig


class BlogConfig(AppConfig):
    """The blog's pages: the article list and detail endpoints, composed from the
    topic, message and payment apps' reads. Owns no data; nothing imports it."""

    name = "blog"

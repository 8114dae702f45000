from django.apps import AppConfig


class PagesConfig(AppConfig):
    """Crawlable pages and feeds (docs/api.md §10): the public articles as static HTML files
    on the SPA origin (written on publish, removed when an article stops being public),
    the sitemap, robots.txt and the RSS feeds. Owns no data: it reads the topic app and
    follows its writes through tools.events."""

    name = "pages"

    def ready(self):
        from pages import receivers

        receivers.connect()

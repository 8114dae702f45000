"""python manage.py refresh_excerpts — derive every article's free preview and introduce
again (docs/writing.md). Run once after upgrading to the version with free previews:
articles saved before it kept an introduce taken from the start of the paid text."""
from django.core.management.base import BaseCommand

from topic.services import refresh_free_parts


class Command(BaseCommand):
    help = "Derive preview and introduce of every article again (run after upgrading)."

    def handle(self, *args, **options):
        changed = refresh_free_parts()
        self.stdout.write(f"{changed} article(s) updated")

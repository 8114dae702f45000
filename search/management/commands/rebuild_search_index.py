"""manage.py rebuild_search_index: index every article again, with a progress bar."""
import time

from django.core.management.base import BaseCommand

from search.services import rebuild_index

BAR_WIDTH = 30


class Command(BaseCommand):
    help = "Rebuild the search index from the articles (docs/search.md)."

    def add_arguments(self, parser):
        parser.add_argument("--chunk-size", type=int, default=500)

    def handle(self, *args, chunk_size, **options):
        started = time.monotonic()
        count = rebuild_index(chunk_size=chunk_size, progress=self.progress)
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS(
            f"Indexed {count} articles in {time.monotonic() - started:.1f} s"))

    def progress(self, done, total):
        filled = BAR_WIDTH * done // total if total else BAR_WIDTH
        self.stdout.write(f"\r[{'#' * filled}{'.' * (BAR_WIDTH - filled)}] {done}/{total}", ending="")
        self.stdout.flush()

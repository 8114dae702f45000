"""manage.py build_pages: every crawlable page, the sitemap, robots.txt and rss.xml again."""
import time

from django.conf import settings
from django.core.management.base import BaseCommand

from pages.build import build_all


class Command(BaseCommand):
    help = "Rebuild every crawlable page (public articles, author and index pages), the sitemap, robots.txt and rss.xml"

    def handle(self, *args, **options):
        started = time.monotonic()
        last = [0.0]

        def progress(done, total):
            now = time.monotonic()
            if done == total or now - last[0] > 1:
                last[0] = now
                self.stdout.write(f"\r  {done}/{total} articles", ending="")
                self.stdout.flush()

        written = build_all(progress=progress if options["verbosity"] else None)
        if not options["verbosity"]:
            return
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS(
            f"{written} article pages, sitemap, robots.txt and rss.xml written to "
            f"{settings.PAGES_STORAGE.get('OPTIONS', {}).get('location') or settings.PAGES_ROOT} "
            f"in {time.monotonic() - started:.1f} s"))

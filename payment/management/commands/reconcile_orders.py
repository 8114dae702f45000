from django.core.management.base import BaseCommand

from payment import services


class Command(BaseCommand):
    help = ("Trade-query pending orders older than ORDER_RECONCILE_AFTER_SECONDS with Alipay; "
            "close those older than ORDER_TIMEOUT_SECONDS that Alipay reports unpaid.")

    def handle(self, *args, **options):
        counts = services.reconcile_orders()
        self.stdout.write(" ".join(f"{name}={count}" for name, count in counts.items()))

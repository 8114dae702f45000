"""Reads of the payment app."""
from payment.models import Order


def has_bought(user, topic):
    if user is None:
        return False
    return Order.objects.filter(buyer=user, paid_topic=topic, status=Order.PAID).exists()

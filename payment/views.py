from django.http import HttpResponse, HttpResponseRedirect
from django.utils.decorators import method_decorator

from payment import errors, selectors, services
from payment.forms import OrderForm
from tools.auth import logging_check
from tools.forms import PageQueryForm
from tools.http import json_body, ok, validate
from tools.views import ApiView
from topic.shortcuts import visible_topic_or_404


class OrdersView(ApiView):
    @method_decorator(logging_check)
    def post(self, request):
        values = validate(OrderForm, json_body(request), errors.INVALID_INPUT)
        topic = visible_topic_or_404(values["topic_id"], request.user)
        order, created = services.create_order(buyer=request.user, topic=topic)
        return ok(selectors.order_item(order), status=201 if created else 200)

    @method_decorator(logging_check)
    def get(self, request):
        paging = validate(PageQueryForm, request.GET, errors.INVALID_INPUT)
        orders, total = selectors.buyer_orders_page(request.user, **paging)
        services.refresh_pending_orders(orders=orders)
        return ok(selectors.order_list(orders, total=total, **paging))


class OrderDetailView(ApiView):
    @method_decorator(logging_check)
    def get(self, request, order_no):
        order = selectors.buyer_order(request.user, order_no)
        services.refresh_pending_orders(orders=[order])
        return ok(selectors.order_item(order))


class PaymentResultView(ApiView):
    """Alipay's async notify (POST, form-encoded) and the buyer's return (GET)."""

    def post(self, request):
        paid = services.handle_notify(params=request.POST.dict())
        return HttpResponse("success" if paid else "fail", content_type="text/plain")

    def get(self, request):
        order = services.handle_return(params=request.GET.dict())
        return HttpResponseRedirect(selectors.pay_result_url(order))

from django.http import HttpResponse, HttpResponseRedirect
from django.utils.decorators import method_decorator

from payment import errors, selectors, services
from payment.forms import OrderForm
from tools.auth import logging_check
from tools.forms import PageQueryForm
from tools.http import ApiError, json_body, ok, validate
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
        # No trade queries here: a page of pending orders would wait on Alipay once per
        # order. The detail view and reconciliation bring pending orders up to date.
        paging = validate(PageQueryForm, request.GET, errors.INVALID_INPUT)
        orders, total = selectors.buyer_orders_page(request.user, **paging)
        return ok(selectors.order_list(orders, total=total, **paging))


class OrderDetailView(ApiView):
    @method_decorator(logging_check)
    def get(self, request, order_no):
        order = selectors.buyer_order(request.user, order_no)
        if order is None:
            raise ApiError(404, errors.ORDER_NOT_FOUND, "No such order")
        services.refresh_order(order=order)
        return ok(selectors.order_item(order))


class PaymentResultView(ApiView):
    """Alipay's async notify (POST, form-encoded) and the buyer's return (GET)."""

    def post(self, request):
        recorded = services.handle_notify(params=request.POST.dict())
        return HttpResponse("success" if recorded else "fail", content_type="text/plain")

    def get(self, request):
        order = services.handle_return(params=request.GET.dict())
        return HttpResponseRedirect(selectors.pay_result_url(order))

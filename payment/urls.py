from django.urls import path

from payment import views

urlpatterns = [
    path("orders", views.OrdersView.as_view()),
    path("orders/<str:order_no>", views.OrderDetailView.as_view()),
    path("payment/result", views.PaymentResultView.as_view()),
]

from django.urls import path

from notifications import views

urlpatterns = [
    path("notifications", views.NotificationsView.as_view()),
    path("notifications/read", views.MarkReadView.as_view()),
]

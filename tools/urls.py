from django.urls import path

from tools import views

urlpatterns = [
    path("health", views.HealthView.as_view()),
]

from django.urls import path

from tools import views

urlpatterns = [
    path("health", views.HealthView.as_view()),
    path("openapi.json", views.OpenApiView.as_view()),
]

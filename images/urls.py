from django.urls import path

from images import views

urlpatterns = [
    path("images", views.ImagesView.as_view()),
]

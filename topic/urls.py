from django.urls import path

from topic import views

urlpatterns = [
    path("topics", views.LatestTopicsView.as_view()),
    path("topics/<str:author>", views.AuthorTopicsView.as_view()),
]

from django.urls import path

from blog import views

urlpatterns = [
    path("topics", views.LatestTopicsView.as_view()),
    path("topics/<str:author>", views.AuthorTopicsView.as_view()),
    path("tags", views.TagsView.as_view()),
]

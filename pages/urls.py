from django.urls import path

from pages import views

urlpatterns = [
    path("feeds/rss", views.SiteFeedView.as_view()),
    path("feeds/<str:author>/rss", views.AuthorFeedView.as_view()),
]

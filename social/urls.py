from django.urls import path

from social import views

urlpatterns = [
    path("topics/<str:topic_id>/like", views.LikeView.as_view()),
    path("users/<str:username>/follow", views.FollowView.as_view()),
    path("users/<str:username>/favorites", views.FavoritesView.as_view()),
    path("users/<str:username>/favorites/<str:topic_id>", views.FavoriteView.as_view()),
    path("users/<str:username>/timeline", views.TimelineView.as_view()),
]

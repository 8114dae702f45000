from django.urls import path

from message import views

urlpatterns = [
    path("messages/<str:topic_id>", views.TopicMessagesView.as_view()),
]

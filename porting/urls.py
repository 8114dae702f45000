from django.urls import path

from porting import views

urlpatterns = [
    path("imports", views.ImportsView.as_view()),
    path("imports/<str:import_id>", views.ImportDetailView.as_view()),
    path("users/<str:username>/export", views.ExportView.as_view()),
    path("users/<str:username>/app-passwords", views.AppPasswordsView.as_view()),
    path("users/<str:username>/app-passwords/<str:password_id>",
         views.AppPasswordDetailView.as_view()),
]

from django.urls import path

from user import sms_codes, views

urlpatterns = [
    path("users", views.UsersView.as_view()),
    path("users/sms", views.SmsView.as_view()),
    path("users/password/sms", views.SmsView.as_view(purpose=sms_codes.RESET)),
    path("users/password/reset", views.ResetPasswordView.as_view()),
    path("users/<str:username>", views.UserDetailView.as_view()),
    path("users/<str:username>/avatar", views.AvatarView.as_view()),
    path("users/<str:username>/password", views.PasswordView.as_view()),
    path("tokens", views.TokensView.as_view()),
    path("tokens/sms", views.SmsView.as_view(purpose=sms_codes.LOGIN)),
]

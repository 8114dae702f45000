"""Operators' view of the accounts (docs/api.md §13): search, filters, deactivation."""
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.forms import AdminPasswordChangeForm, UserChangeForm, UserCreationForm

from user.models import UserProfile


class ProfileCreationForm(UserCreationForm):
    class Meta(UserCreationForm.Meta):
        model = UserProfile
        fields = ("username", "phone", "email")


class ProfileChangeForm(UserChangeForm):
    class Meta(UserChangeForm.Meta):
        model = UserProfile


class RevokingPasswordChangeForm(AdminPasswordChangeForm):
    """A password an operator sets ends every session of the account (token_version)."""

    def save(self, commit=True):
        self.user.token_version += 1
        return super().save(commit)


@admin.register(UserProfile)
class UserProfileAdmin(UserAdmin):
    form = ProfileChangeForm
    add_form = ProfileCreationForm
    change_password_form = RevokingPasswordChangeForm
    list_display = ("username", "nickname", "phone", "email", "is_active", "is_staff", "date_joined")
    list_filter = ("is_active", "is_staff", "is_superuser", "date_joined")
    search_fields = ("username", "nickname", "phone", "email")
    ordering = ("-date_joined",)
    readonly_fields = ("token_version", "last_login", "date_joined")
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        ("资料", {"fields": ("nickname", "sign", "info", "avatar", "email", "phone")}),
        ("权限", {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")}),
        ("时间", {"fields": ("last_login", "date_joined", "token_version")}),
    )
    add_fieldsets = (
        (None, {"classes": ("wide",),
                "fields": ("username", "phone", "email", "password1", "password2")}),
    )

    def save_model(self, request, obj, form, change):
        # An account switched off here ends every session of it.
        if change and "is_active" in form.changed_data:
            obj.token_version += 1
        super().save_model(request, obj, form, change)

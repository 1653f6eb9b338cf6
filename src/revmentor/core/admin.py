from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from revmentor.core import services
from revmentor.core.models import (
    AuditEntry,
    OIDCConfiguration,
    Role,
    SignInFailure,
    TOTPDevice,
    User,
)


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "full_name", "is_active", "is_staff", "can_create_programs"]
    search_fields = ["email", "full_name"]
    list_filter = ["is_active", "is_staff", "can_create_programs"]
    fieldsets = [
        (None, {"fields": ["email", "full_name", "password"]}),
        (None, {"fields": ["is_active", "is_staff", "is_superuser", "can_create_programs"]}),
    ]
    add_fieldsets = [(None, {"fields": ["email", "full_name", "password1", "password2"]})]


@admin.register(Role)
class RoleAdmin(admin.ModelAdmin):
    list_display = ["user", "kind", "program", "organisation"]
    list_filter = ["kind", "program"]
    autocomplete_fields = ["user"]


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """Read-only: the audit trail is never edited."""

    list_display = ["at", "actor_label", "action", "program", "summary"]
    list_filter = ["action", "program"]
    search_fields = ["actor_label", "summary", "object_id"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(OIDCConfiguration)
class OIDCConfigurationAdmin(admin.ModelAdmin):
    """Operators switch sign-in through an organisation's identity provider on and off here."""

    list_display = ["organisation", "issuer", "client_id", "email_domains", "enabled"]
    list_filter = ["enabled"]
    actions = None  # a bulk delete would bypass the audited service

    def save_model(self, request, obj, form, change):
        services.save_identity_provider(config=obj, changed_by=request.user)

    def delete_model(self, request, obj):
        services.delete_identity_provider(config=obj, deleted_by=request.user)


@admin.register(TOTPDevice)
class TOTPDeviceAdmin(admin.ModelAdmin):
    """Deleting a row resets a lost authenticator app: the person connects a new one."""

    list_display = ["user", "confirmed_at", "created_at"]
    search_fields = ["user__email"]
    fields = ["user", "confirmed_at", "created_at"]
    readonly_fields = ["user", "confirmed_at", "created_at"]

    def has_add_permission(self, request):
        return False


@admin.register(SignInFailure)
class SignInFailureAdmin(admin.ModelAdmin):
    list_display = ["at", "email", "ip", "step"]
    search_fields = ["email", "ip"]
    readonly_fields = ["at", "email", "ip", "step"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

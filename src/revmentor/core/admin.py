from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from revmentor.core.models import AuditEntry, Role, User


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

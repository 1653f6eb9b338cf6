from django.contrib import admin

from revmentor.programs.models import (
    ContactPerson,
    DeadlineChange,
    JointMeeting,
    Organisation,
    Participation,
    Profile,
    Program,
    Topic,
)


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name"]
    search_fields = ["name", "short_name"]


class ParticipationInline(admin.TabularInline):
    model = Participation
    extra = 0


class ProfileInline(admin.StackedInline):
    model = Profile
    extra = 0


class TopicInline(admin.TabularInline):
    model = Topic
    extra = 0


class JointMeetingInline(admin.StackedInline):
    model = JointMeeting
    extra = 0


class ContactPersonInline(admin.TabularInline):
    model = ContactPerson
    extra = 0


class DeadlineChangeInline(admin.TabularInline):
    model = DeadlineChange
    extra = 0
    readonly_fields = ["old_deadline", "new_deadline", "reason", "changed_by", "changed_at"]


@admin.register(Program)
class ProgramAdmin(admin.ModelAdmin):
    list_display = ["title", "slug", "status", "period_start", "period_end", "application_deadline"]
    list_filter = ["status"]
    search_fields = ["title", "slug"]
    inlines = [
        ProfileInline,
        ParticipationInline,
        TopicInline,
        JointMeetingInline,
        ContactPersonInline,
        DeadlineChangeInline,
    ]

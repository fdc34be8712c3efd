"""Admin for campaigns: read-mostly. Workflow changes go through the services, so the admin
offers them as actions (which call the same services the API does) instead of editable status
fields."""

from typing import Any, cast

from django import forms
from django.contrib import admin, messages
from django.contrib.auth.models import User
from django.db.models import QuerySet
from django.http import HttpRequest

from campaigns.models import (
    Campaign,
    CampaignTransition,
    EvidenceLink,
    EvidenceLinkReview,
    Message,
    MessageRevision,
    Theme,
)
from campaigns.selectors.campaigns import campaign_list_visible
from campaigns.selectors.messages import evidence_link_list_visible, message_list_visible
from campaigns.services.campaign_workflow import campaign_reopen
from campaigns.services.themes import (
    THEME_FIELDS,
    theme_clause_check,
    theme_create,
    theme_update,
)
from common.access import may_change_evidence
from common.admin_access import RoleScopedAdmin, RoleScopedInline
from common.errors import DomainError, InvalidInput


class ReadOnlyInline(RoleScopedInline, admin.TabularInline):
    extra = 0
    can_delete = False
    # The people shown on each row, fetched with the rows rather than one query per row.
    related: tuple[str, ...] = ()

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        queryset = super().get_queryset(request)
        # No names would make select_related follow every foreign key: only when some are set.
        return queryset.select_related(*self.related) if self.related else queryset

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class TransitionInline(ReadOnlyInline):
    model = CampaignTransition
    fields = readonly_fields = ("from_status", "to_status", "actor", "comment", "created_at")
    related = ("actor",)


class MessageInline(ReadOnlyInline):
    model = Message
    fields = readonly_fields = ("channel", "language", "status", "revision", "text")
    show_change_link = True


class RevisionInline(ReadOnlyInline):
    model = MessageRevision
    fields = readonly_fields = ("revision", "status", "edited_by", "created_at", "text")
    related = ("edited_by",)


class ReviewInline(ReadOnlyInline):
    model = EvidenceLinkReview
    fields = readonly_fields = ("decision", "reviewer", "comment", "created_at")
    related = ("reviewer",)


class ReadOnlyAdmin(RoleScopedAdmin):
    """Nothing is edited here, so every rule in the services holds; each user sees the rows
    their selector returns (a Communications user only their own campaigns)."""


class ThemeAdminForm(forms.ModelForm):
    """Shows the service's clause check as a form error instead of failing on save."""

    class Meta:
        model = Theme
        fields = list(THEME_FIELDS)

    def clean_recommendation_clause(self) -> int:
        clause = self.cleaned_data["recommendation_clause"]
        try:
            theme_clause_check(clause)
        except InvalidInput as error:
            raise forms.ValidationError(
                error.errors.get("recommendation_clause", [error.message])
            ) from error
        return clause


@admin.register(Theme)
class ThemeAdmin(RoleScopedAdmin):
    """The theme catalogue: every role reads it, Source admins change it (as in the API)."""

    form = ThemeAdminForm
    list_display = ["name", "slug", "recommendation_clause", "victim_focus"]
    list_filter = ["recommendation_clause", "victim_focus"]
    search_fields = ["name", "slug", "description"]

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return may_change_evidence(request.user)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return may_change_evidence(request.user)

    def save_model(self, request: HttpRequest, obj: Theme, form: Any, change: bool) -> None:
        # Through the services, so the admin checks the clause and writes the audit trail too.
        actor = cast(User, request.user)
        if change:
            theme_update(
                theme=obj, actor=actor, **{name: getattr(obj, name) for name in form.changed_data}
            )
        else:
            created = theme_create(
                actor=actor, **{name: getattr(obj, name) for name in THEME_FIELDS}
            )
            obj.pk = created.pk


@admin.register(Campaign)
class CampaignAdmin(ReadOnlyAdmin):
    list_display = ["name", "status", "owner", "starts_on", "ends_on", "created_at"]
    list_filter = ["status", "follows_main_idea"]
    list_select_related = ["owner"]
    search_fields = ["name", "goal"]
    inlines = [MessageInline, TransitionInline]
    actions = ["reopen_to_draft"]

    def visible(self, request: HttpRequest, queryset: QuerySet[Any]) -> QuerySet[Any]:
        return queryset.filter(pk__in=campaign_list_visible(user=request.user).values("pk"))

    @admin.action(description="Re-open the selected campaigns to draft")
    def reopen_to_draft(self, request: HttpRequest, queryset: QuerySet[Campaign]) -> None:
        for campaign in queryset:
            try:
                actor = cast(User, request.user)  # the admin requires a signed-in staff user
                campaign_reopen(campaign=campaign, actor=actor, comment="Re-opened in the admin.")
            except DomainError as error:
                self.message_user(request, f"{campaign}: {error.message}", messages.WARNING)


@admin.register(Message)
class MessageAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "campaign", "channel", "language", "status", "revision"]
    list_filter = ["status", "channel", "language"]
    list_select_related = ["campaign"]
    search_fields = ["text"]
    inlines = [RevisionInline]

    def visible(self, request: HttpRequest, queryset: QuerySet[Any]) -> QuerySet[Any]:
        return queryset.filter(pk__in=message_list_visible(user=request.user).values("pk"))


@admin.register(EvidenceLink)
class EvidenceLinkAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "status", "proposed_by", "reviewed_by", "created_at"]
    list_filter = ["status"]
    list_select_related = ["proposed_by", "reviewed_by"]
    search_fields = ["claim", "reopened_reason"]
    inlines = [ReviewInline]

    def visible(self, request: HttpRequest, queryset: QuerySet[Any]) -> QuerySet[Any]:
        return queryset.filter(pk__in=evidence_link_list_visible(user=request.user).values("pk"))

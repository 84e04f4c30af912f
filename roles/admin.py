from django import forms
from django.contrib import admin
from django.db import models
from django.utils import timezone

from history.admin import HistoryAdmin

from .admin_widgets import INLINE_TEXT, LONG_TEXT
from .models import (
    Credential,
    DegreeProgram,
    FaqEntry,
    GlossaryTerm,
    JobTitle,
    LaborFigure,
    Occupation,
    ProgramPathway,
    Responsibility,
    Role,
    RoleSkill,
    Skill,
    Source,
    SourceNote,
    WorkSetting,
)
from .reviews import is_due_for_review, review_cutoff


def set_published(*, queryset, is_published: bool) -> int:
    """Publish or unpublish each row with save(), so that its history records the change."""
    items = list(queryset.exclude(is_published=is_published))
    for item in items:
        item.is_published = is_published
        item.save(update_fields=["is_published"])
    return len(items)


@admin.action(description="Publish selected items")
def publish(modeladmin, request, queryset):
    updated = set_published(queryset=queryset, is_published=True)
    modeladmin.message_user(request, f"{updated} item(s) published.")


@admin.action(description="Unpublish selected items (make them drafts)")
def unpublish(modeladmin, request, queryset):
    updated = set_published(queryset=queryset, is_published=False)
    modeladmin.message_user(request, f"{updated} item(s) unpublished.")


class SourcedAdmin(HistoryAdmin):
    """Content that cites its sources, picked by search."""

    autocomplete_fields = ["sources"]


class PublishableAdmin(SourcedAdmin):
    """Content that may be a draft: published and unpublished in bulk, each in its history."""

    actions = [publish, unpublish]


class ContentInline(admin.TabularInline):
    """Rows edited on their parent's page: no blank rows unasked, sources picked by search."""

    extra = 0
    autocomplete_fields = ["sources"]


class ResponsibilityInline(ContentInline):
    model = Responsibility
    fields = ["display_order", "category", "text", "sources"]
    formfield_overrides = {models.CharField: INLINE_TEXT}


class JobTitleInline(ContentInline):
    model = JobTitle
    fields = ["display_order", "title", "note", "sources"]

    def get_formset(self, request, obj=None, **kwargs):
        return super().get_formset(request, obj, widgets={"note": INLINE_TEXT["widget"]}, **kwargs)


class RoleSkillInline(ContentInline):
    model = RoleSkill
    fields = ["skill", "importance", "note", "sources"]
    autocomplete_fields = ["skill", "sources"]
    formfield_overrides = {models.CharField: INLINE_TEXT}


class WorkSettingInline(ContentInline):
    model = WorkSetting
    fields = ["display_order", "name", "sources"]


class ProgramPathwayInline(ContentInline):
    model = ProgramPathway
    fields = ["role", "relation", "note", "sources"]
    formfield_overrides = {models.CharField: INLINE_TEXT}


class NeedsReviewFilter(admin.SimpleListFilter):
    title = "review"
    parameter_name = "review"

    def lookups(self, request, model_admin):
        return [("due", "Needs review"), ("current", "Reviewed recently")]

    def queryset(self, request, queryset):
        if self.value() == "due":
            return queryset.filter(last_reviewed__lt=review_cutoff())
        if self.value() == "current":
            return queryset.filter(last_reviewed__gte=review_cutoff())
        return queryset


class RoleAdminForm(forms.ModelForm):
    mark_reviewed = forms.BooleanField(
        label="Mark as reviewed today",
        required=False,
        help_text="Tick this when you have checked the whole role against its sources.",
    )

    class Meta:
        model = Role
        fields = []  # the admin's fieldsets name them


@admin.register(Role)
class RoleAdmin(PublishableAdmin):
    list_display = [
        "name",
        "slug",
        "scope",
        "focus",
        "is_published",
        "display_order",
        "last_reviewed",
        "review_due",
    ]
    list_editable = ["is_published", "display_order"]
    list_filter = [NeedsReviewFilter, "is_published", "scope", "focus", "direct_patient_care"]
    search_fields = ["name", "summary", "overview"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [ResponsibilityInline, RoleSkillInline, JobTitleInline, WorkSettingInline]
    form = RoleAdminForm
    formfield_overrides = {models.TextField: LONG_TEXT}
    fieldsets = [
        (None, {"fields": ["name", "slug", "summary", "overview", "sources"]}),
        (
            "How the role works",
            {
                "fields": [
                    ("scope", "focus"),
                    "scope_detail",
                    "focus_detail",
                    "direct_patient_care",
                    "patient_care_detail",
                    "good_fit",
                    "occupational_category",
                ]
            },
        ),
        (
            "Publishing",
            {"fields": ["is_published", "display_order", "last_reviewed", "mark_reviewed"]},
        ),
    ]

    @admin.display(boolean=True, description="needs review")
    def review_due(self, role):
        return is_due_for_review(last_reviewed=role.last_reviewed)

    def save_model(self, request, obj, form, change):
        if form.cleaned_data.get("mark_reviewed"):
            obj.last_reviewed = timezone.localdate()
        super().save_model(request, obj, form, change)


@admin.register(Responsibility)
class ResponsibilityAdmin(SourcedAdmin):
    list_display = ["text", "role", "category", "display_order"]
    list_filter = ["role", "category"]
    search_fields = ["text"]
    ordering = ["role__display_order", "display_order"]
    formfield_overrides = {models.CharField: LONG_TEXT}


@admin.register(Skill)
class SkillAdmin(HistoryAdmin):
    list_display = ["name", "kind", "display_order"]
    list_filter = ["kind"]
    search_fields = ["name", "description"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(RoleSkill)
class RoleSkillAdmin(SourcedAdmin):
    list_display = ["skill", "role", "importance"]
    list_filter = ["role", "importance", "skill__kind"]
    search_fields = ["skill__name", "note"]
    autocomplete_fields = ["skill", "sources"]
    formfield_overrides = {models.CharField: LONG_TEXT}


@admin.register(DegreeProgram)
class DegreeProgramAdmin(PublishableAdmin):
    list_display = ["name", "level", "is_published", "display_order"]
    list_editable = ["is_published", "display_order"]
    list_filter = ["level", "is_published", "roles"]
    search_fields = ["name", "description"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [ProgramPathwayInline]
    formfield_overrides = {models.TextField: LONG_TEXT}


@admin.register(ProgramPathway)
class ProgramPathwayAdmin(SourcedAdmin):
    list_display = ["program", "role", "relation"]
    list_filter = ["relation", "role"]
    search_fields = ["program__name", "note"]
    formfield_overrides = {models.CharField: LONG_TEXT}


@admin.register(JobTitle)
class JobTitleAdmin(SourcedAdmin):
    list_display = ["title", "role", "has_note", "display_order"]
    list_filter = ["role"]
    search_fields = ["title", "note"]

    def get_form(self, request, obj=None, **kwargs):
        return super().get_form(request, obj, widgets={"note": LONG_TEXT["widget"]}, **kwargs)

    @admin.display(boolean=True, description="placement note")
    def has_note(self, obj):
        return bool(obj.note)


@admin.register(WorkSetting)
class WorkSettingAdmin(SourcedAdmin):
    list_display = ["name", "role", "display_order"]
    list_filter = ["role"]
    search_fields = ["name"]


@admin.register(SourceNote)
class SourceNoteAdmin(PublishableAdmin):
    list_display = ["title", "kind", "is_published", "display_order"]
    list_editable = ["is_published", "display_order"]
    list_filter = ["kind", "is_published", "roles"]
    search_fields = ["title", "body"]
    filter_horizontal = ["roles"]
    formfield_overrides = {models.TextField: LONG_TEXT}


@admin.register(Source)
class SourceAdmin(HistoryAdmin):
    list_display = ["title", "short_name", "publisher", "date_label", "display_order"]
    search_fields = ["title", "short_name", "publisher", "url"]
    prepopulated_fields = {"key": ["publisher"]}


# SeededItem is not registered: it is the loader's own bookkeeping, not content to edit.


class LaborFigureInline(ContentInline):
    model = LaborFigure
    fields = ["kind", "value", "period", "detail", "source"]
    autocomplete_fields = ["source"]


@admin.register(Occupation)
class OccupationAdmin(SourcedAdmin):
    list_display = ["title", "soc_code", "display_order"]
    list_editable = ["display_order"]
    search_fields = ["title", "soc_code", "also_called"]
    filter_horizontal = ["counted_for", "starting_point_for"]
    inlines = [LaborFigureInline]


@admin.register(LaborFigure)
class LaborFigureAdmin(HistoryAdmin):
    list_display = ["occupation", "kind", "value", "period", "source"]
    list_filter = ["occupation", "kind"]
    search_fields = ["value", "period", "occupation__title"]
    autocomplete_fields = ["source"]


@admin.register(Credential)
class CredentialAdmin(PublishableAdmin):
    list_display = ["name", "abbreviation", "kind", "granted_by", "is_published"]
    list_filter = ["kind", "is_published", "roles"]
    search_fields = ["name", "abbreviation", "granted_by"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["roles"]


@admin.register(GlossaryTerm)
class GlossaryTermAdmin(SourcedAdmin):
    list_display = ["term", "also_matches"]
    search_fields = ["term", "definition", "also_matches"]
    prepopulated_fields = {"slug": ["term"]}


@admin.register(FaqEntry)
class FaqEntryAdmin(PublishableAdmin):
    list_display = ["question", "display_order", "is_published"]
    list_editable = ["display_order"]
    list_filter = ["is_published"]
    search_fields = ["question", "answer"]

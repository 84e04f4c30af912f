from django.contrib import admin

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
    SeededItem,
    Skill,
    Source,
    SourceNote,
    WorkSetting,
)


@admin.action(description="Publish selected items")
def publish(modeladmin, request, queryset):
    updated = queryset.update(is_published=True)
    modeladmin.message_user(request, f"{updated} item(s) published.")


@admin.action(description="Unpublish selected items (make them drafts)")
def unpublish(modeladmin, request, queryset):
    updated = queryset.update(is_published=False)
    modeladmin.message_user(request, f"{updated} item(s) unpublished.")


class ResponsibilityInline(admin.TabularInline):
    model = Responsibility
    extra = 0
    fields = ["display_order", "category", "text", "sources"]
    autocomplete_fields = ["sources"]


class JobTitleInline(admin.TabularInline):
    model = JobTitle
    extra = 0
    fields = ["display_order", "title", "note", "sources"]
    autocomplete_fields = ["sources"]


class RoleSkillInline(admin.TabularInline):
    model = RoleSkill
    extra = 0
    fields = ["skill", "importance", "note", "sources"]
    autocomplete_fields = ["skill", "sources"]


class WorkSettingInline(admin.TabularInline):
    model = WorkSetting
    extra = 0
    fields = ["display_order", "name", "sources"]
    autocomplete_fields = ["sources"]


class ProgramPathwayInline(admin.TabularInline):
    model = ProgramPathway
    extra = 0
    fields = ["role", "relation", "note", "sources"]
    autocomplete_fields = ["sources"]


@admin.register(Role)
class RoleAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "slug",
        "scope",
        "focus",
        "is_published",
        "display_order",
        "last_reviewed",
    ]
    list_editable = ["is_published", "display_order"]
    list_filter = ["is_published", "scope", "focus", "direct_patient_care"]
    search_fields = ["name", "summary", "overview"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["sources"]
    actions = [publish, unpublish]
    inlines = [ResponsibilityInline, RoleSkillInline, JobTitleInline, WorkSettingInline]
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
        ("Publishing", {"fields": ["is_published", "display_order", "last_reviewed"]}),
    ]


@admin.register(Responsibility)
class ResponsibilityAdmin(admin.ModelAdmin):
    list_display = ["text", "role", "category", "display_order"]
    list_filter = ["role", "category"]
    list_select_related = ["role"]
    search_fields = ["text"]
    autocomplete_fields = ["sources"]
    ordering = ["role__display_order", "display_order"]


@admin.register(Skill)
class SkillAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "display_order"]
    list_filter = ["kind"]
    search_fields = ["name", "description"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(RoleSkill)
class RoleSkillAdmin(admin.ModelAdmin):
    list_display = ["skill", "role", "importance"]
    list_filter = ["role", "importance", "skill__kind"]
    list_select_related = ["skill", "role"]
    search_fields = ["skill__name", "note"]
    autocomplete_fields = ["skill", "sources"]


@admin.register(DegreeProgram)
class DegreeProgramAdmin(admin.ModelAdmin):
    list_display = ["name", "level", "is_published", "display_order"]
    list_editable = ["is_published", "display_order"]
    list_filter = ["level", "is_published", "roles"]
    search_fields = ["name", "description"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["sources"]
    actions = [publish, unpublish]
    inlines = [ProgramPathwayInline]


@admin.register(ProgramPathway)
class ProgramPathwayAdmin(admin.ModelAdmin):
    list_display = ["program", "role", "relation"]
    list_filter = ["relation", "role"]
    list_select_related = ["program", "role"]
    search_fields = ["program__name", "note"]
    autocomplete_fields = ["sources"]


@admin.register(JobTitle)
class JobTitleAdmin(admin.ModelAdmin):
    list_display = ["title", "role", "has_note", "display_order"]
    list_filter = ["role"]
    list_select_related = ["role"]
    search_fields = ["title", "note"]
    autocomplete_fields = ["sources"]

    @admin.display(boolean=True, description="placement note")
    def has_note(self, obj):
        return bool(obj.note)


@admin.register(WorkSetting)
class WorkSettingAdmin(admin.ModelAdmin):
    list_display = ["name", "role", "display_order"]
    list_filter = ["role"]
    list_select_related = ["role"]
    search_fields = ["name"]
    autocomplete_fields = ["sources"]


@admin.register(SourceNote)
class SourceNoteAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "is_published", "display_order"]
    list_editable = ["is_published", "display_order"]
    list_filter = ["kind", "is_published", "roles"]
    search_fields = ["title", "body"]
    filter_horizontal = ["roles"]
    autocomplete_fields = ["sources"]
    actions = [publish, unpublish]


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ["title", "short_name", "publisher", "date_label", "display_order"]
    search_fields = ["title", "publisher", "url"]
    prepopulated_fields = {"key": ["publisher"]}


@admin.register(SeededItem)
class SeededItemAdmin(admin.ModelAdmin):
    list_display = ["key", "loaded_at"]
    search_fields = ["key"]
    readonly_fields = ["key", "loaded_at"]

    def has_add_permission(self, request):
        return False


class LaborFigureInline(admin.TabularInline):
    model = LaborFigure
    extra = 0
    fields = ["kind", "value", "period", "detail", "source"]
    autocomplete_fields = ["source"]


@admin.register(Occupation)
class OccupationAdmin(admin.ModelAdmin):
    list_display = ["title", "soc_code", "display_order"]
    list_editable = ["display_order"]
    search_fields = ["title", "soc_code", "also_called"]
    filter_horizontal = ["counted_for", "starting_point_for"]
    autocomplete_fields = ["sources"]
    inlines = [LaborFigureInline]


@admin.register(LaborFigure)
class LaborFigureAdmin(admin.ModelAdmin):
    list_display = ["occupation", "kind", "value", "period", "source"]
    list_filter = ["occupation", "kind"]
    search_fields = ["value", "period", "occupation__title"]
    autocomplete_fields = ["source"]


@admin.register(Credential)
class CredentialAdmin(admin.ModelAdmin):
    list_display = ["name", "abbreviation", "kind", "granted_by", "is_published"]
    list_filter = ["kind", "is_published", "roles"]
    search_fields = ["name", "abbreviation", "granted_by"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["roles"]
    autocomplete_fields = ["sources"]
    actions = [publish, unpublish]


@admin.register(GlossaryTerm)
class GlossaryTermAdmin(admin.ModelAdmin):
    list_display = ["term", "also_matches"]
    search_fields = ["term", "definition", "also_matches"]
    prepopulated_fields = {"slug": ["term"]}
    autocomplete_fields = ["sources"]


@admin.register(FaqEntry)
class FaqEntryAdmin(admin.ModelAdmin):
    list_display = ["question", "display_order", "is_published"]
    list_editable = ["display_order"]
    list_filter = ["is_published"]
    search_fields = ["question", "answer"]
    autocomplete_fields = ["sources"]
    actions = [publish, unpublish]

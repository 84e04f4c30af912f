from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.options import (
    IS_FACETS_VAR,
    IS_POPUP_VAR,
    TO_FIELD_VAR,
    IncorrectLookupParameters,
)
from django.contrib.admin.views.main import ALL_VAR, ERROR_FLAG, ORDER_VAR, PAGE_VAR, SEARCH_VAR
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import models
from django.http import HttpResponseBadRequest
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.html import format_html, format_html_join

from history.admin import HistoryAdmin
from roles.admin_widgets import LONG_TEXT
from roles.models import Role

from .balance import balance_warnings, statement_balance
from .export import results_csv_response, too_many_to_stream
from .models import AssessmentSettings, Question, QuestionWeight, Result
from .results import result_summary
from .services import assessment_content
from .tallies import counts_from_tallies, counts_of, delete_results, tally_filters


def current_balance():
    """The balance of the active statements across the published paths."""
    roles = Role.objects.published().order_by("display_order", "slug")
    return statement_balance(questions=assessment_content().questions, roles=list(roles))


class QuestionWeightInline(admin.TabularInline):
    model = QuestionWeight
    extra = 2
    autocomplete_fields = ["role"]


@admin.register(Question)
class QuestionAdmin(HistoryAdmin):
    list_display = ["statement", "weights_summary", "display_order", "is_active"]
    list_editable = ["display_order", "is_active"]
    list_filter = ["is_active", "weights__role"]
    search_fields = ["statement", "hint"]
    filter_horizontal = ["sources"]
    formfield_overrides = {models.CharField: LONG_TEXT}
    inlines = [QuestionWeightInline]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("weights__role")

    def changelist_view(self, request, extra_context=None):
        extra_context = {**(extra_context or {}), "balance": current_balance()}
        return super().changelist_view(request, extra_context)

    def save_related(self, request, form, formsets, change):
        # After the inlines, so the warnings see the weights as saved.
        super().save_related(request, form, formsets, change)
        for warning in balance_warnings(current_balance()):
            messages.warning(request, warning)

    @admin.display(description="weights")
    def weights_summary(self, question):
        return ", ".join(
            f"{weight.role.name} {weight.weight:+d}" for weight in question.weights.all()
        )


@admin.register(AssessmentSettings)
class AssessmentSettingsAdmin(HistoryAdmin):
    """One row only: never added nor deleted, and the list opens it straight away."""

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        return redirect(reverse("admin:assessment_assessmentsettings_change", args=[1]))

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if object_id == "1" and self.has_view_or_change_permission(request):
            # The row holds the defaults the assessment already uses while no editor saved any.
            AssessmentSettings.objects.get_or_create(pk=1)
        return super().change_view(request, object_id, form_url, extra_context)


class CappedCountPaginator(Paginator):
    """
    Counts at most COUNT_CAP rows: counting a million results exactly costs more than
    drawing the page, and "10,000 or more" is all an editor needs from the pager.
    """

    COUNT_CAP = 10_000

    @cached_property
    def count(self):
        return self.object_list[: self.COUNT_CAP].count()


def path_choices() -> list[tuple[str, str]]:
    """The recommendation filter's choices: (value, label), every path then none."""
    roles = Role.objects.order_by("display_order", "slug").values_list("slug", "name")
    return [*roles, (RecommendedPathFilter.NONE, "No recommendation")]


class RecommendedPathFilter(admin.SimpleListFilter):
    """The paths as choices from the roles table: no scan of the results to list them."""

    title = "recommendation"
    parameter_name = "recommended"
    NONE = "none"

    def lookups(self, request, model_admin):
        return path_choices()

    def queryset(self, request, queryset):
        value = self.value()
        if value is None:
            return queryset
        if value not in {slug for slug, _ in self.lookup_choices}:
            return queryset.none()  # no path has that slug (nor could a malformed one)
        return queryset.filter(recommended_role_slug=path_slug(value))


def path_slug(value: str) -> str:
    """The recommended role slug a value of the recommendation filter selects."""
    return "" if value == RecommendedPathFilter.NONE else value


# The results list's query-string parameters, for the counts (see tally_filters()).
RESULT_LIST_PARAMETERS = {
    "search": SEARCH_VAR,
    "outcome": "outcome__exact",
    "path": RecommendedPathFilter.parameter_name,
    "since": "created_at__gte",
    "until": "created_at__lt",
}
PAGE_ONLY_PARAMETERS = {
    ALL_VAR,
    ORDER_VAR,
    PAGE_VAR,
    ERROR_FLAG,
    IS_POPUP_VAR,
    TO_FIELD_VAR,
    IS_FACETS_VAR,
}


@admin.register(Result)
class ResultAdmin(admin.ModelAdmin):
    """Results are what visitors submitted: readable and exportable, never editable."""

    list_display = ["short_token", "created_at", "recommended_role_name", "outcome", "gap_points"]
    list_filter = ["outcome", RecommendedPathFilter, "created_at"]
    # Tokens are found by exact match only (see get_search_results), through their index.
    search_fields = ["=token"]
    search_help_text = "Paste a whole result token."
    paginator = CappedCountPaginator
    # Drawing each row's cells is most of a page's cost once nothing counts the table.
    list_per_page = 50
    fields = [
        "token",
        "created_at",
        "outcome",
        "recommended_role_name",
        "gap_points",
        "scores",
        "answer_table",
    ]
    readonly_fields = fields
    actions = ["export_csv"]
    show_full_result_count = False
    # Counts per filter choice would count the whole table again for each; the counts
    # per recommendation above the list already say how the results spread.
    show_facets = admin.ShowFacets.NEVER

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def get_urls(self):
        export = path(
            "export/",
            self.admin_site.admin_view(self.export_view),
            name="assessment_result_export",
        )
        return [export, *super().get_urls()]

    def changelist_view(self, request, extra_context=None):
        response = super().changelist_view(request, extra_context)
        changelist = getattr(response, "context_data", {}).get("cl")
        if changelist is not None:
            labels = dict(Result.Outcome.choices)
            response.context_data["recommendation_counts"] = [
                {
                    "recommendation": row["recommended_role_name"] or "None",
                    "outcome": labels.get(row["outcome"], row["outcome"]),
                    "count": row["count"],
                }
                for row in self.recommendation_counts(request, changelist.queryset)
            ]
        return response

    def recommendation_counts(self, request, listed):
        """
        The results `listed` counted per outcome and recommendation: added up from the
        daily tallies when the filters are ones they keep, else counted one by one.
        """
        filters = tally_filters(
            dict(request.GET.lists()),
            fields=RESULT_LIST_PARAMETERS,
            paths={value: path_slug(value) for value, _ in path_choices()},
            ignored=PAGE_ONLY_PARAMETERS,
        )
        if filters is None:
            return counts_of(listed)
        return counts_from_tallies(**filters)

    def delete_model(self, request, obj):
        delete_results(Result.objects.filter(pk=obj.pk))

    def delete_queryset(self, request, queryset):
        delete_results(queryset)

    def get_search_results(self, request, queryset, search_term):
        # "=token" would be a case-insensitive match, which no index on the token serves.
        term = search_term.strip()
        if not term:
            return queryset, False
        if "\x00" in term:  # no token holds one, and PostgreSQL refuses to compare it
            return queryset.none(), False
        return queryset.filter(token=term), False

    def export_view(self, request):
        """Every result the current filters select, as CSV."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        try:
            queryset = self.get_changelist_instance(request).queryset
        except IncorrectLookupParameters:
            return HttpResponseBadRequest(
                "These filters are not valid. Go back to the results list and choose them again."
            )
        return self.export_csv(request, queryset)

    @admin.action(description="Export selected results as CSV", permissions=["view"])
    def export_csv(self, request, queryset):
        """
        The CSV, streamed, when it finishes well within a worker's timeout; otherwise a
        page that says how to export that many, never a file cut short.
        """
        limit = settings.ASSESSMENT_EXPORT_MAX_ROWS
        if too_many_to_stream(queryset, limit=limit):
            context = {**self.admin_site.each_context(request), "limit": limit}
            return TemplateResponse(
                request, "admin/assessment/result/export_too_large.html", context
            )
        return results_csv_response(queryset)

    @admin.display(description="token", ordering="token")
    def short_token(self, result):
        return f"{result.token[:8]}…"

    @admin.display(description="gap (points)", ordering="gap")
    def gap_points(self, result):
        return "–" if result.gap is None else f"{result.gap:.1f}"

    @admin.display(description="scores")
    def scores(self, result):
        summary = result_summary(result=result)
        return format_html_join(
            "",
            "<div>{}: {}</div>",
            (
                (role.name, "no score" if role.score is None else round(role.score, 1))
                for role in summary.roles
            ),
        )

    @admin.display(description="answers")
    def answer_table(self, result):
        summary = result_summary(result=result)
        rows = format_html_join(
            "",
            "<tr><td>{}</td><td>{}</td></tr>",
            ((answer.statement, answer.answer_label) for answer in summary.answers),
        )
        return format_html(
            "<table><thead><tr><th scope='col'>Statement</th><th scope='col'>Answer</th></tr>"
            "</thead><tbody>{}</tbody></table>",
            rows,
        )

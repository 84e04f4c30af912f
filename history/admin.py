from simple_history.admin import SimpleHistoryAdmin

from .diffs import ReadableChanges


class HistoryAdmin(SimpleHistoryAdmin):
    """A content model's admin with a History page: every version, what changed, and Revert."""

    object_history_list_template = "history/object_history_list.html"

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # No content model has a file field, and the site refuses multipart bodies
        # (hcsite.middleware.RefuseMultipartMiddleware): the revert form posts as any other.
        extra_context = {**(extra_context or {}), "has_file_field": False}
        return super().history_form_view(request, object_id, version_id, extra_context)

    def get_historical_record_context_helper(self, request, historical_record):
        return ReadableChanges(self.model, historical_record)

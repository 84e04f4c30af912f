from simple_history.admin import SimpleHistoryAdmin

from .diffs import ReadableChanges


class HistoryAdmin(SimpleHistoryAdmin):
    """A content model's admin with a History page: every version, what changed, and Revert."""

    object_history_list_template = "history/object_history_list.html"

    def get_historical_record_context_helper(self, request, historical_record):
        return ReadableChanges(self.model, historical_record)

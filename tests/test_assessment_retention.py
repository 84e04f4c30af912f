"""Results older than a configured age can be deleted; by default nothing is."""

from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from assessment.models import AssessmentVersion, Result
from assessment.retention import delete_results_older_than

pytestmark = pytest.mark.django_db


@pytest.fixture
def results_by_age(client, assessment_answers):
    """A result taken today, one 40 days ago and one 400 days ago."""
    for _ in range(3):
        assert client.post("/assessment/", assessment_answers(budgets=5)).status_code == 303
    today, month, year = Result.objects.order_by("pk")
    now = timezone.now()
    Result.objects.filter(pk=month.pk).update(created_at=now - timedelta(days=40))
    Result.objects.filter(pk=year.pk).update(created_at=now - timedelta(days=400))
    return today, month, year


def test_by_default_the_command_deletes_nothing(results_by_age, capsys):
    call_command("delete_old_results")

    assert Result.objects.count() == 3
    assert "Keeping every result" in capsys.readouterr().out


def test_results_older_than_the_given_age_are_deleted(results_by_age, capsys):
    today, month, year = results_by_age

    call_command("delete_old_results", days=365)

    assert set(Result.objects.values_list("pk", flat=True)) == {today.pk, month.pk}
    assert "Deleted 1 results older than 365 days." in capsys.readouterr().out


def test_the_age_comes_from_the_setting_when_not_given(results_by_age, settings):
    today, _, _ = results_by_age
    settings.ASSESSMENT_RESULT_RETENTION_DAYS = 30

    call_command("delete_old_results")

    assert list(Result.objects.values_list("pk", flat=True)) == [today.pk]


def test_a_negative_age_is_refused_with_a_message(results_by_age):
    with pytest.raises(CommandError, match="0 \\(keep every result\\) or more"):
        call_command("delete_old_results", days=-1)
    assert Result.objects.count() == 3


def test_versions_no_result_uses_any_more_go_too(results_by_age):
    Result.objects.all().delete()

    assert delete_results_older_than(days=1) == 0
    assert not AssessmentVersion.objects.exists()


def test_a_version_still_in_use_is_kept(results_by_age):
    delete_results_older_than(days=30)

    assert AssessmentVersion.objects.count() == 1


def test_a_submission_after_its_version_was_deleted_stores_a_new_one(client, assessment_answers):
    # The first submission keeps its version in the cache; deleting every result takes the
    # version with it, and the next submission must not point at the deleted row.
    assert client.post("/assessment/", assessment_answers(budgets=5)).status_code == 303
    deleted = delete_results_older_than(days=1, now=timezone.now() + timedelta(days=2))
    assert deleted == 1
    assert not AssessmentVersion.objects.exists()

    response = client.post("/assessment/", assessment_answers(budgets=5))

    assert response.status_code == 303
    assert Result.objects.get().version == AssessmentVersion.objects.get()

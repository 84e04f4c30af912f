"""
Bump the content version once more when an edit to what the assessment asks is committed.

roles/signals.py bumps it as soon as a row is saved, inside the editor's transaction. A
request in another process can read the new version in that moment and still see the rows
as they were before the commit; services.assessment_content() would then keep the old
questions under the new version until the following edit. Bumping again after the commit
makes the next request in every process read the committed rows.
"""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from roles.content_version import bump_content_version
from roles.models import Role

from .models import AssessmentSettings, Question, QuestionWeight

# What services.assessment_content() reads.
ASSESSMENT_CONTENT_MODELS = (Question, QuestionWeight, AssessmentSettings, Role)


@receiver(post_save)
@receiver(post_delete)
def bump_content_version_after_commit(sender, using, **kwargs):
    if issubclass(sender, ASSESSMENT_CONTENT_MODELS):
        transaction.on_commit(bump_content_version, using=using)

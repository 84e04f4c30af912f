"""
Every edit to content bumps the content version (content_version.py), which the page cache
and the assessment's copy of its questions are keyed by.
"""

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from .content_version import bump_content_version

CONTENT_APPS = {"roles", "assessment"}
# Rows written by the site itself rather than by editors: they never change a public page.
NOT_CONTENT = {"roles.seededitem", "assessment.result"}


def is_content(model) -> bool:
    return model._meta.app_label in CONTENT_APPS and model._meta.label_lower not in NOT_CONTENT


def content_changed(using: str) -> None:
    bump_content_version()
    # A request in another process can read the new version before the editor's transaction
    # commits, and keep the rows as they were under it (a cached page, the assessment's
    # questions). Bumping again after the commit makes the next request read what was saved.
    transaction.on_commit(bump_content_version, using=using)


@receiver(post_save)
@receiver(post_delete)
def content_saved_or_deleted(sender, using, **kwargs):
    if is_content(sender):
        content_changed(using)


@receiver(m2m_changed)
def content_relations_changed(sender, action, using, **kwargs):
    if action.startswith("post_") and is_content(kwargs["model"]):
        content_changed(using)

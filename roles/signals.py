"""
Every write to content leaves the cached pages behind (roles/page_cache.py): saves, deletes
and relations here; QuerySet.update() and the bulk writes, which send no signals, in
roles.models.ContentQuerySet.
"""

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from .editors import CONTENT_APPS, VIEW_ONLY_MODELS
from .page_cache import content_changed

# Rows written by the site itself rather than by editors: they never change a public page.
NOT_CONTENT = {*VIEW_ONLY_MODELS, "assessment.assessmentversion"}


def is_content(model) -> bool:
    return model._meta.app_label in CONTENT_APPS and model._meta.label_lower not in NOT_CONTENT


@receiver(post_save)
@receiver(post_delete)
def content_saved_or_deleted(sender, using, **kwargs):
    if is_content(sender):
        content_changed(using=using)


@receiver(m2m_changed)
def content_relations_changed(sender, action, using, **kwargs):
    if action.startswith("post_") and is_content(kwargs["model"]):
        content_changed(using=using)

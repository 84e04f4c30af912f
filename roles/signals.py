from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from .content_version import bump_content_version

CONTENT_APPS = {"roles", "assessment"}
# Rows written by the site itself rather than by editors: they never change a public page.
NOT_CONTENT = {"roles.seededitem", "assessment.result"}


def is_content(model) -> bool:
    return model._meta.app_label in CONTENT_APPS and model._meta.label_lower not in NOT_CONTENT


@receiver(post_save)
@receiver(post_delete)
def content_saved_or_deleted(sender, **kwargs):
    if is_content(sender):
        bump_content_version()


@receiver(m2m_changed)
def content_relations_changed(sender, action, **kwargs):
    if action.startswith("post_") and is_content(kwargs["model"]):
        bump_content_version()

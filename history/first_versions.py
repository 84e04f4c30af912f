"""A first version for content that existed before its history was kept."""

from django.utils import timezone

TRACKED = [
    ("roles", "source"),
    ("roles", "role"),
    ("roles", "responsibility"),
    ("roles", "skill"),
    ("roles", "roleskill"),
    ("roles", "degreeprogram"),
    ("roles", "programpathway"),
    ("roles", "jobtitle"),
    ("roles", "worksetting"),
    ("roles", "sourcenote"),
    ("assessment", "question"),
    ("assessment", "questionweight"),
    ("assessment", "assessmentsettings"),
]


def record_first_versions(*, apps) -> int:
    """Give every row without any version one "Created" version of how it is now."""
    now = timezone.now()
    recorded = 0
    for app_label, model_name in TRACKED:
        model = apps.get_model(app_label, model_name)
        historical = apps.get_model("history", f"historical{model_name}")
        copied = [
            field.attname
            for field in historical._meta.concrete_fields
            if not field.name.startswith("history_")
        ]
        pk_name = model._meta.pk.attname
        kept = set(historical.objects.values_list(pk_name, flat=True))
        versions = [
            historical(
                **{name: getattr(row, name) for name in copied},
                history_date=now,
                history_type="+",
            )
            for row in model.objects.exclude(pk__in=kept)
        ]
        historical.objects.bulk_create(versions, batch_size=500)
        recorded += len(versions)
    return recorded

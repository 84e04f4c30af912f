"""
Move every stored result's snapshot into an AssessmentVersion (one per distinct set of
statements, weights, roles and threshold) plus the result's own answers and outcome.
"""

import hashlib
import json

from django.db import migrations


def content_hash(content: dict) -> str:
    # The same canonical form as assessment.versions.content_hash; copied so the
    # migration keeps working whatever that module becomes.
    text = json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()


def snapshots_to_versions(apps, schema_editor):
    AssessmentVersion = apps.get_model("assessment", "AssessmentVersion")
    Result = apps.get_model("assessment", "Result")
    versions = {}
    for result in Result.objects.filter(version__isnull=True).iterator(chunk_size=500):
        snapshot = result.snapshot
        content = {
            "threshold": snapshot["threshold"],
            "roles": [{"slug": role["slug"], "name": role["name"]} for role in snapshot["roles"]],
            "questions": [
                {"id": q["id"], "statement": q["statement"], "weights": q["weights"]}
                for q in snapshot["questions"]
            ],
        }
        digest = content_hash(content)
        if digest not in versions:
            versions[digest], _ = AssessmentVersion.objects.get_or_create(
                content_hash=digest, defaults={"content": content}
            )
        result.version = versions[digest]
        result.answers = [q["answer"] for q in snapshot["questions"]]
        result.cant_tell_reason = snapshot.get("cant_tell_reason") or ""
        result.runner_up_role_slug = snapshot.get("runner_up") or ""
        result.save(update_fields=["version", "answers", "cant_tell_reason", "runner_up_role_slug"])


class Migration(migrations.Migration):
    dependencies = [("assessment", "0003_result_versions")]

    operations = [migrations.RunPython(snapshots_to_versions, migrations.RunPython.noop)]

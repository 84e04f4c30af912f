"""
Load the site's starting content from roles/fixtures/content.json.

Each entry is loaded at most once: a SeededItem row remembers its key, so running
the loader again adds only entries that are new to the fixture. Rows an editor
has changed or deleted since are left exactly as the editor left them.
"""

import json
from collections import Counter
from pathlib import Path

from django.db import transaction
from django.utils.text import slugify

from .models import (
    Credential,
    DegreeProgram,
    FaqEntry,
    GlossaryTerm,
    JobTitle,
    LaborFigure,
    Occupation,
    ProgramPathway,
    Responsibility,
    Role,
    RoleSkill,
    SeededItem,
    Skill,
    Source,
    SourceNote,
    WorkSetting,
)

CONTENT_FIXTURE = Path(__file__).parent / "fixtures" / "content.json"

ROLE_FIELDS = [
    "name",
    "summary",
    "overview",
    "scope",
    "scope_detail",
    "focus",
    "focus_detail",
    "direct_patient_care",
    "patient_care_detail",
    "good_fit",
    "occupational_category",
    "display_order",
    "is_published",
    "last_reviewed",
]


def read_fixture(path: Path = CONTENT_FIXTURE) -> dict:
    with open(path, encoding="utf-8") as fixture:
        return json.load(fixture)


class _Loader:
    def __init__(self):
        self.seen = set(SeededItem.objects.values_list("key", flat=True))
        self.created = Counter()

    def once(self, key, model, lookup, defaults, sources=()):
        """Create the row for `key` unless it was loaded before; returns the new row or None."""
        if key in self.seen:
            return None
        obj, created = model.objects.get_or_create(**lookup, defaults=defaults)
        SeededItem.objects.create(key=key)
        self.seen.add(key)
        if not created:  # an editor made a matching row first: it is theirs
            return None
        self.created[model._meta.verbose_name_plural] += 1
        if sources:
            obj.sources.set(Source.objects.filter(key__in=sources))
        return obj


@transaction.atomic
def load_content(data: dict | None = None) -> Counter:
    """Load every entry of the fixture not loaded before; returns counts of rows created."""
    data = read_fixture() if data is None else data
    loader = _Loader()

    for source in data["sources"]:
        fields = {k: v for k, v in source.items() if k != "key"}
        loader.once(f"source:{source['key']}", Source, {"key": source["key"]}, fields)

    for skill in data["skills"]:
        fields = {k: v for k, v in skill.items() if k != "slug"}
        loader.once(f"skill:{skill['slug']}", Skill, {"slug": skill["slug"]}, fields)

    for entry in data["roles"]:
        _load_role(loader, entry)

    for entry in data["programs"]:
        _load_program(loader, entry)

    for entry in data["notes"]:
        _load_note(loader, entry)

    for entry in data.get("occupations", []):
        _load_occupation(loader, entry)

    for entry in data.get("credentials", []):
        _load_credential(loader, entry)

    for entry in data.get("glossary", []):
        loader.once(
            f"glossary:{entry['slug']}",
            GlossaryTerm,
            {"slug": entry["slug"]},
            {
                "term": entry["term"],
                "definition": entry["definition"],
                "also_matches": entry["also_matches"],
            },
            sources=entry["sources"],
        )

    for entry in data.get("faq", []):
        loader.once(
            f"faq:{slugify(entry['question'])}",
            FaqEntry,
            {"question": entry["question"]},
            {"answer": entry["answer"], "display_order": entry["display_order"]},
            sources=entry["sources"],
        )

    return loader.created


def _load_role(loader, entry):
    slug = entry["slug"]
    loader.once(
        f"role:{slug}",
        Role,
        {"slug": slug},
        {field: entry[field] for field in ROLE_FIELDS},
        sources=entry["sources"],
    )
    role = Role.objects.filter(slug=slug).first()
    if role is None:  # deleted by an editor: leave it deleted
        return
    for order, item in enumerate(entry["responsibilities"], start=1):
        loader.once(
            f"responsibility:{slug}:{item['key']}",
            Responsibility,
            {"role": role, "text": item["text"]},
            {"category": item["category"], "display_order": order},
            sources=item["sources"],
        )
    for item in entry["skills"]:
        skill = Skill.objects.filter(slug=item["skill"]).first()
        if skill is None:
            continue
        loader.once(
            f"roleskill:{slug}:{item['skill']}",
            RoleSkill,
            {"role": role, "skill": skill},
            {"importance": item["importance"], "note": item["note"]},
            sources=item["sources"],
        )
    for order, item in enumerate(entry["job_titles"], start=1):
        loader.once(
            f"jobtitle:{slug}:{slugify(item['title'])}",
            JobTitle,
            {"role": role, "title": item["title"]},
            {
                "note": item["note"],
                "requirement": item.get("requirement", ""),
                "display_order": order,
            },
            sources=item["sources"],
        )
    for order, item in enumerate(entry["work_settings"], start=1):
        loader.once(
            f"worksetting:{slug}:{slugify(item['name'])}",
            WorkSetting,
            {"role": role, "name": item["name"]},
            {"display_order": order},
            sources=item["sources"],
        )


def _load_program(loader, entry):
    slug = entry["slug"]
    loader.once(
        f"program:{slug}",
        DegreeProgram,
        {"slug": slug},
        {
            "name": entry["name"],
            "level": entry["level"],
            "description": entry["description"],
            "typical_length": entry.get("typical_length", ""),
            "example_of": entry.get("example_of", ""),
        },
        sources=entry["sources"],
    )
    program = DegreeProgram.objects.filter(slug=slug).first()
    if program is None:
        return
    for item in entry["pathways"]:
        role = Role.objects.filter(slug=item["role"]).first()
        if role is None:
            continue
        loader.once(
            f"pathway:{slug}:{item['role']}",
            ProgramPathway,
            {"program": program, "role": role},
            {"relation": item["relation"], "note": item["note"]},
            sources=item["sources"],
        )


def _load_note(loader, entry):
    note = loader.once(
        f"note:{entry['key']}",
        SourceNote,
        {"title": entry["title"]},
        {"kind": entry["kind"], "body": entry["body"], "display_order": entry["display_order"]},
        sources=entry["sources"],
    )
    if note is not None:
        note.roles.set(Role.objects.filter(slug__in=entry["roles"]))


def _load_occupation(loader, entry):
    code = entry["soc_code"]
    occupation = loader.once(
        f"occupation:{code}",
        Occupation,
        {"soc_code": code},
        {
            "title": entry["title"],
            "also_called": entry["also_called"],
            "note": entry["note"],
            "display_order": entry["display_order"],
        },
        sources=entry["sources"],
    )
    if occupation is not None:
        occupation.counted_for.set(Role.objects.filter(slug__in=entry["counted_for"]))
        occupation.starting_point_for.set(Role.objects.filter(slug__in=entry["starting_point_for"]))
    occupation = Occupation.objects.filter(soc_code=code).first()
    if occupation is None:
        return
    for item in entry["figures"]:
        source = Source.objects.filter(key=item["source"]).first()
        if source is None:  # a figure never appears without its source
            continue
        loader.once(
            f"figure:{code}:{item['kind']}",
            LaborFigure,
            {"occupation": occupation, "kind": item["kind"]},
            {
                "value": item["value"],
                "period": item["period"],
                "detail": item["detail"],
                "source": source,
            },
        )


def _load_credential(loader, entry):
    credential = loader.once(
        f"credential:{entry['slug']}",
        Credential,
        {"slug": entry["slug"]},
        {
            field: entry[field]
            for field in (
                "name",
                "abbreviation",
                "kind",
                "granted_by",
                "description",
                "display_order",
            )
        },
        sources=entry["sources"],
    )
    if credential is not None:
        credential.roles.set(Role.objects.filter(slug__in=entry["roles"]))

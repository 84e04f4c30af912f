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
# Keys of a fixture entry that are not fields of its row: its identity, its citations and
# the rows that hang off it.
NOT_FIELDS = {
    "key",
    "slug",
    "soc_code",
    "sources",
    "roles",
    "counted_for",
    "starting_point_for",
    "figures",
    "pathways",
    "responsibilities",
    "skills",
    "job_titles",
    "work_settings",
}


def read_fixture(path: Path = CONTENT_FIXTURE) -> dict:
    with open(path, encoding="utf-8") as fixture:
        return json.load(fixture)


def fields(entry: dict, *also_not: str) -> dict:
    """The entry's values for its row's own fields."""
    return {k: v for k, v in entry.items() if k not in NOT_FIELDS and k not in also_not}


class Loader:
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

    def entry(self, kind, model, entry, identity, **lookup):
        """Load a top-level entry found by its `identity` field; returns the new row or None."""
        value = entry[identity]
        return self.once(
            f"{kind}:{value}",
            model,
            {identity: value, **lookup},
            fields(entry, identity),
            sources=entry.get("sources", ()),
        )


@transaction.atomic
def load_content(data: dict | None = None) -> Counter:
    """Load every entry of the fixture not loaded before; returns counts of rows created."""
    data = read_fixture() if data is None else data
    loader = Loader()
    for entry in data["sources"]:
        loader.entry("source", Source, entry, "key")
    for entry in data["skills"]:
        loader.entry("skill", Skill, entry, "slug")
    for entry in data["roles"]:
        _load_role(loader, entry)
    for entry in data["programs"]:
        _load_program(loader, entry)
    for entry in data["notes"]:
        note = loader.once(
            f"note:{entry['key']}",
            SourceNote,
            {"title": entry["title"]},
            fields(entry, "title"),
            sources=entry["sources"],
        )
        if note is not None:
            note.roles.set(Role.objects.filter(slug__in=entry["roles"]))
    for entry in data.get("occupations", []):
        _load_occupation(loader, entry)
    for entry in data.get("credentials", []):
        credential = loader.entry("credential", Credential, entry, "slug")
        if credential is not None:
            credential.roles.set(Role.objects.filter(slug__in=entry["roles"]))
    for entry in data.get("glossary", []):
        loader.entry("glossary", GlossaryTerm, entry, "slug")
    for entry in data.get("faq", []):
        loader.once(
            f"faq:{slugify(entry['question'])}",
            FaqEntry,
            {"question": entry["question"]},
            fields(entry, "question"),
            sources=entry["sources"],
        )
    return loader.created


def _load_role(loader, entry):
    slug = entry["slug"]
    loader.entry("role", Role, entry, "slug")
    role = Role.objects.filter(slug=slug).first()
    if role is None:  # deleted by an editor: leave it deleted
        return
    for item in entry["skills"]:
        skill = Skill.objects.filter(slug=item["skill"]).first()
        if skill is not None:
            loader.once(
                f"roleskill:{slug}:{item['skill']}",
                RoleSkill,
                {"role": role, "skill": skill},
                {"importance": item["importance"], "note": item["note"]},
                sources=item["sources"],
            )
    for model, items, name in (
        (Responsibility, entry["responsibilities"], "text"),
        (JobTitle, entry["job_titles"], "title"),
        (WorkSetting, entry["work_settings"], "name"),
    ):
        for order, item in enumerate(items, start=1):
            # A long text has a short key of its own; a name is its own key.
            key = item.get("key") or slugify(item[name])
            loader.once(
                f"{model._meta.model_name}:{slug}:{key}",
                model,
                {"role": role, name: item[name]},
                {**fields(item, name), "display_order": order},
                sources=item["sources"],
            )


def _load_program(loader, entry):
    slug = entry["slug"]
    loader.entry("program", DegreeProgram, entry, "slug")
    program = DegreeProgram.objects.filter(slug=slug).first()
    if program is None:
        return
    for item in entry["pathways"]:
        role = Role.objects.filter(slug=item["role"]).first()
        if role is not None:
            loader.once(
                f"pathway:{slug}:{item['role']}",
                ProgramPathway,
                {"program": program, "role": role},
                fields(item, "role"),
                sources=item["sources"],
            )


def _load_occupation(loader, entry):
    code = entry["soc_code"]
    occupation = loader.entry("occupation", Occupation, entry, "soc_code")
    if occupation is not None:
        occupation.counted_for.set(Role.objects.filter(slug__in=entry["counted_for"]))
        occupation.starting_point_for.set(Role.objects.filter(slug__in=entry["starting_point_for"]))
    occupation = Occupation.objects.filter(soc_code=code).first()
    if occupation is None:
        return
    for item in entry["figures"]:
        source = Source.objects.filter(key=item["source"]).first()
        if source is not None:  # a figure never appears without its source
            loader.once(
                f"figure:{code}:{item['kind']}",
                LaborFigure,
                {"occupation": occupation, "kind": item["kind"]},
                {**fields(item, "kind", "source"), "source": source},
            )

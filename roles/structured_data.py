"""
schema.org JSON-LD for search engines: Occupation for roles, EducationalOccupationalProgram
for degree programs. Plain functions from already-loaded content to dictionaries, and one
function that writes a dictionary as a safe <script type="application/ld+json"> block.
"""

import json
from collections.abc import Sequence

from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from .models import DegreeProgram
from .selectors import RoleProfile

SCHEMA_ORG = "https://schema.org"

# The same escapes as django.utils.html.json_script: no "</script>" or "<!--" can close
# or confuse the block, whatever editors type.
_JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def json_ld_script(data: dict) -> SafeString:
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)
    return format_html(
        '<script type="application/ld+json">{}</script>',
        mark_safe(text.translate(_JSON_SCRIPT_ESCAPES)),
    )


def website(*, name: str, url: str) -> dict:
    return {"@context": SCHEMA_ORG, "@type": "WebSite", "name": name, "url": url}


def occupation(*, profile: RoleProfile, url: str) -> dict:
    """A role as a schema.org Occupation."""
    role = profile.role
    data = {
        "@context": SCHEMA_ORG,
        "@type": "Occupation",
        "name": role.name,
        "description": role.summary,
        "url": url,
        "skills": [role_skill.skill.name for role_skill in profile.skills],
        "responsibilities": [item.text for item in profile.responsibilities],
    }
    if profile.entry_pathways:
        data["educationRequirements"] = [
            {
                "@type": "EducationalOccupationalCredential",
                "name": pathway.program.name,
                "credentialCategory": pathway.program.get_level_display(),
            }
            for pathway in profile.entry_pathways
        ]
    if role.occupational_category:
        data["occupationalCategory"] = role.occupational_category
    return data


def degree_programs(*, programs: Sequence[DegreeProgram], page_url: str) -> dict:
    """
    Programs as EducationalOccupationalProgram items. Each program needs the published
    pathways that published_programs() attaches.
    """
    return {
        "@context": SCHEMA_ORG,
        "@graph": [
            {
                "@type": "EducationalOccupationalProgram",
                "name": program.name,
                "description": program.description,
                "url": f"{page_url}#{program.slug}",
                "educationalCredentialAwarded": program.get_level_display(),
                "relevantOccupation": [
                    {"@type": "Occupation", "name": pathway.role.name}
                    for pathway in program.published_pathways
                ],
            }
            for program in programs
        ],
    }


def faq_page(*, entries) -> dict:
    """The questions and answers as a schema.org FAQPage."""
    return {
        "@context": SCHEMA_ORG,
        "@type": "FAQPage",
        "mainEntity": [
            {
                "@type": "Question",
                "name": entry.question,
                "acceptedAnswer": {"@type": "Answer", "text": " ".join(entry.answer_paragraphs)},
            }
            for entry in entries
        ],
    }

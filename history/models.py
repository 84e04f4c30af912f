"""
Revision history of the content: who changed what, when, field by field.

The historical copies live in this app rather than beside the content they record, so that
writing one is not itself a content edit (roles/signals.py bumps the content version only for
the "roles" and "assessment" apps) and the "Content editors" group gets no rights over them.
Editors read and restore versions through each content model's History page in the admin.
"""

import simple_history

from assessment.models import AssessmentSettings, Question, QuestionWeight
from roles.models import (
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
    Skill,
    Source,
    SourceNote,
    WorkSetting,
)

TRACKED_MODELS = [
    Source,
    Role,
    Responsibility,
    Skill,
    RoleSkill,
    DegreeProgram,
    ProgramPathway,
    JobTitle,
    WorkSetting,
    SourceNote,
    Occupation,
    LaborFigure,
    Credential,
    GlossaryTerm,
    FaqEntry,
    Question,
    QuestionWeight,
    AssessmentSettings,
]

for model in TRACKED_MODELS:
    # The save time changes on every save: as a difference it would only hide the real ones.
    excluded = [field.name for field in model._meta.fields if field.name == "updated_at"]
    simple_history.register(model, app="history", excluded_fields=excluded)

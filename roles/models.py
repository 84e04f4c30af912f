"""
Career-path content: roles, what they involve, and where each fact comes from.

Facts (responsibilities, skills, degree pathways, job titles, notes) cite one or
more Source rows so that every page can show where its content comes from.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone

from .page_cache import content_changed

COMPARE_SEPARATOR = "-vs-"


def validate_no_compare_separator(value):
    if COMPARE_SEPARATOR in value:
        raise ValidationError(
            "A slug may not contain “%(sep)s”: comparison addresses use it to join two slugs.",
            params={"sep": COMPARE_SEPARATOR},
            code="compare_separator",
        )


class ContentQuerySet(models.QuerySet):
    """
    Content's own writes that send no signals (an admin action's update(), a bulk load)
    leave the cached pages behind too, like every save and delete (roles/signals.py).
    bulk_update() needs no override: Django saves its changes through update().
    """

    def update(self, **kwargs):
        rows = super().update(**kwargs)
        content_changed(using=self.db)
        return rows

    def bulk_create(self, objs, *args, **kwargs):
        created = super().bulk_create(objs, *args, **kwargs)
        content_changed(using=self.db)
        return created


class PublishedQuerySet(ContentQuerySet):
    def published(self):
        return self.filter(is_published=True)


class Source(models.Model):
    """A citation: the article or reference that a fact relies on."""

    key = models.SlugField(
        max_length=80, unique=True, help_text="Short stable identifier, e.g. “ctu-2020”."
    )
    title = models.CharField(max_length=300)
    short_name = models.CharField(
        max_length=40,
        blank=True,
        help_text="Shown beside every fact this source supports, e.g. “CTU”. "
        "The publisher's name is used when blank.",
    )
    publisher = models.CharField(max_length=200)
    url = models.URLField("URL", blank=True, max_length=500)
    published_on = models.DateField(
        null=True, blank=True, help_text="Publication date, where the source gives one."
    )
    date_note = models.CharField(
        max_length=100,
        blank=True,
        help_text="How the date is known when it is partial, e.g. “November 2020”.",
    )
    accessed_on = models.DateField(
        "date read",
        null=True,
        blank=True,
        help_text="When we last read the source to check the facts taken from it.",
    )
    display_order = models.PositiveIntegerField(default=0)

    objects = ContentQuerySet.as_manager()

    class Meta:
        ordering = ["display_order", "title"]

    def __str__(self):
        # The short name first: several titles begin with the same words.
        return f"{self.label}: {self.title}"

    @property
    def label(self):
        return self.short_name or self.publisher

    @property
    def date_label(self):
        if self.date_note:
            return self.date_note
        return self.published_on.strftime("%B %-d, %Y") if self.published_on else ""

    @property
    def accessed_label(self):
        return self.accessed_on.strftime("%B %-d, %Y") if self.accessed_on else ""


class Role(models.Model):
    """A career path, such as healthcare management."""

    class Scope(models.TextChoices):
        ORGANIZATION = "organization", "Organization-wide"
        DEPARTMENT = "department", "A department or office"

    class Focus(models.TextChoices):
        STRATEGIC = "strategic", "Strategic and business"
        OPERATIONAL = "operational", "Operational and day-to-day"

    name = models.CharField(max_length=120, unique=True)
    slug = models.SlugField(
        max_length=80,
        unique=True,
        validators=[validate_no_compare_separator],
        help_text="Used in addresses such as /roles/<slug>/. May not contain “-vs-”.",
    )
    summary = models.CharField(max_length=300, help_text="One line: what this path is about.")
    overview = models.TextField(help_text="A few paragraphs; blank lines separate paragraphs.")
    scope = models.CharField(max_length=20, choices=Scope.choices)
    scope_detail = models.TextField(blank=True, help_text="What the scope means in practice.")
    focus = models.CharField(max_length=20, choices=Focus.choices)
    focus_detail = models.TextField(blank=True, help_text="What the focus means in practice.")
    direct_patient_care = models.BooleanField(
        default=False, help_text="Whether people in this role treat or care for patients."
    )
    patient_care_detail = models.TextField(
        blank=True, help_text="How the role relates to patient care."
    )
    good_fit = models.TextField(
        blank=True, help_text="Who tends to enjoy this path: interests, strengths and preferences."
    )
    occupational_category = models.CharField(
        max_length=200,
        blank=True,
        help_text="Standard occupation code and name, e.g. “11-9111.00 Medical and Health "
        "Services Managers”.",
    )
    sources = models.ManyToManyField(
        Source, blank=True, related_name="roles", help_text="Sources for the overview."
    )
    display_order = models.PositiveIntegerField(default=0)
    is_published = models.BooleanField("published", default=False)
    last_reviewed = models.DateField(default=timezone.localdate)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PublishedQuerySet.as_manager()

    class Meta:
        ordering = ["display_order", "name"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(slug__contains=COMPARE_SEPARATOR),
                name="role_slug_without_compare_separator",
                violation_error_message="A slug may not contain “-vs-”.",
            ),
            models.CheckConstraint(condition=~models.Q(slug=""), name="role_slug_not_empty"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("roles:detail", kwargs={"slug": self.slug})

    @property
    def overview_paragraphs(self):
        return [p.strip() for p in self.overview.split("\n\n") if p.strip()]


class Responsibility(models.Model):
    class Category(models.TextChoices):
        STRATEGY = "strategy", "Strategy and planning"
        FINANCE = "finance", "Finance and budgets"
        POLICY = "policy", "Policy"
        PEOPLE = "people", "People and teams"
        STAKEHOLDERS = "stakeholders", "Stakeholders"
        COMPLIANCE = "compliance", "Compliance and regulation"
        OPERATIONS = "operations", "Operations"
        PATIENT_SERVICES = "patient_services", "Patient services"
        RECORDS = "records", "Records and billing"
        TECHNOLOGY = "technology", "Technology"
        REPORTING = "reporting", "Reporting and data"

    role = models.ForeignKey(Role, on_delete=models.CASCADE, related_name="responsibilities")
    category = models.CharField(max_length=20, choices=Category.choices)
    text = models.CharField(max_length=400)
    display_order = models.PositiveIntegerField(default=0)
    sources = models.ManyToManyField(Source, blank=True, related_name="responsibilities")

    objects = ContentQuerySet.as_manager()

    class Meta:
        ordering = ["role", "display_order", "pk"]
        verbose_name_plural = "responsibilities"

    def __str__(self):
        return self.text

    def get_absolute_url(self):
        return self.role.get_absolute_url()


class Skill(models.Model):
    """A skill shared across roles; RoleSkill says how much it matters to each."""

    class Kind(models.TextChoices):
        SOFT = "soft", "Soft skill"
        KNOWLEDGE = "knowledge", "Knowledge"
        SOFTWARE = "software", "Software and tools"

    name = models.CharField(max_length=120)
    slug = models.SlugField(max_length=80, unique=True)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    description = models.CharField(max_length=300, blank=True)
    display_order = models.PositiveIntegerField(default=0)

    objects = ContentQuerySet.as_manager()

    class Meta:
        ordering = ["display_order", "name"]
        constraints = [
            models.UniqueConstraint(Lower("name"), name="skill_name_unique_ignoring_case"),
        ]

    def __str__(self):
        return self.name


class RoleSkill(models.Model):
    class Importance(models.IntegerChoices):
        ESSENTIAL = 3, "Essential"
        IMPORTANT = 2, "Important"
        USEFUL = 1, "Useful"

    role = models.ForeignKey(Role, on_delete=models.CASCADE, related_name="role_skills")
    skill = models.ForeignKey(Skill, on_delete=models.PROTECT, related_name="role_skills")
    importance = models.PositiveSmallIntegerField(
        choices=Importance.choices,
        null=True,
        blank=True,
        help_text="Only where a source rates the skill; leave blank when no source does.",
    )
    note = models.CharField(max_length=400, blank=True, help_text="How this role uses the skill.")
    sources = models.ManyToManyField(Source, blank=True, related_name="role_skills")

    objects = ContentQuerySet.as_manager()

    class Meta:
        ordering = ["role", "-importance", "skill__display_order", "skill__name"]
        verbose_name = "role skill"
        constraints = [
            models.UniqueConstraint(fields=["role", "skill"], name="role_skill_unique"),
        ]

    def __str__(self):
        return f"{self.skill} for {self.role}"


class DegreeProgram(models.Model):
    """A degree program or credential, and the roles it prepares for."""

    class Level(models.IntegerChoices):
        CERTIFICATE = 10, "Certificate"
        ASSOCIATE = 20, "Associate degree"
        BACHELOR = 30, "Bachelor’s degree"
        MASTER = 40, "Master’s degree"
        DOCTORATE = 50, "Doctorate"

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=100, unique=True)
    level = models.PositiveSmallIntegerField(choices=Level.choices)
    description = models.TextField()
    typical_length = models.CharField(
        max_length=120,
        blank=True,
        help_text="How long the program usually takes, as a cited source puts it.",
    )
    example_of = models.CharField(
        "example from",
        max_length=200,
        blank=True,
        help_text="The school whose named program this is, when it is one school's example "
        "rather than a kind of degree.",
    )
    roles = models.ManyToManyField(Role, through="ProgramPathway", related_name="degree_programs")
    sources = models.ManyToManyField(Source, blank=True, related_name="degree_programs")
    display_order = models.PositiveIntegerField(default=0)
    is_published = models.BooleanField("published", default=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PublishedQuerySet.as_manager()

    class Meta:
        ordering = ["level", "display_order", "name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("roles:degrees") + f"#{self.slug}"


class ProgramPathway(models.Model):
    """How a degree program leads to a role."""

    class Relation(models.TextChoices):
        ENTRY = "entry", "Typical entry"
        ADVANCEMENT = "advancement", "Advancement"
        CONCENTRATION = "concentration", "Concentration"
        STEPPING_STONE = "stepping_stone", "Stepping stone"
        TRANSFERABLE = "transferable", "Transferable preparation"
        RELATED = "related", "Related credential"

    program = models.ForeignKey(DegreeProgram, on_delete=models.CASCADE, related_name="pathways")
    role = models.ForeignKey(Role, on_delete=models.CASCADE, related_name="pathways")
    relation = models.CharField(max_length=20, choices=Relation.choices)
    note = models.CharField(max_length=400, blank=True)
    sources = models.ManyToManyField(Source, blank=True, related_name="pathways")

    objects = ContentQuerySet.as_manager()

    class Meta:
        ordering = ["program__level", "program__display_order", "role__display_order"]
        constraints = [
            models.UniqueConstraint(fields=["program", "role"], name="program_pathway_unique"),
        ]

    def __str__(self):
        return f"{self.program} → {self.role} ({self.get_relation_display()})"


class JobTitle(models.Model):
    role = models.ForeignKey(Role, on_delete=models.CASCADE, related_name="job_titles")
    title = models.CharField(max_length=150)
    note = models.CharField(
        max_length=400, blank=True, help_text="Where sources place this title differently."
    )
    requirement = models.CharField(
        max_length=400,
        blank=True,
        help_text="What the title usually asks for beyond this path, e.g. a medical degree.",
    )
    display_order = models.PositiveIntegerField(default=0)
    sources = models.ManyToManyField(Source, blank=True, related_name="job_titles")

    objects = ContentQuerySet.as_manager()

    class Meta:
        ordering = ["role", "display_order", "title"]
        constraints = [
            models.UniqueConstraint(fields=["role", "title"], name="job_title_unique_per_role"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return self.role.get_absolute_url()


class WorkSetting(models.Model):
    role = models.ForeignKey(Role, on_delete=models.CASCADE, related_name="work_settings")
    name = models.CharField(max_length=150)
    display_order = models.PositiveIntegerField(default=0)
    sources = models.ManyToManyField(Source, blank=True, related_name="work_settings")

    objects = ContentQuerySet.as_manager()

    class Meta:
        ordering = ["role", "display_order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["role", "name"], name="work_setting_unique_per_role"),
        ]

    def __str__(self):
        return self.name


class SourceNote(models.Model):
    """Where the sources overlap, disagree or use the terms loosely."""

    class Kind(models.TextChoices):
        DIFFER = "differ", "Sources differ"
        OVERLAP = "overlap", "Overlap"
        GUIDANCE = "guidance", "Before you decide"

    kind = models.CharField(max_length=20, choices=Kind.choices)
    title = models.CharField(max_length=200)
    body = models.TextField()
    roles = models.ManyToManyField(Role, related_name="source_notes")
    sources = models.ManyToManyField(Source, blank=True, related_name="source_notes")
    display_order = models.PositiveIntegerField(default=0)
    is_published = models.BooleanField("published", default=True)

    objects = PublishedQuerySet.as_manager()

    class Meta:
        ordering = ["display_order", "title"]
        verbose_name = "source note"

    def __str__(self):
        return self.title


class Occupation(models.Model):
    """
    A government occupation (a Standard Occupational Classification code) whose figures the
    site shows: the one a path is counted in, or one where many people start.
    """

    soc_code = models.CharField("SOC code", max_length=10, unique=True)
    title = models.CharField(max_length=200)
    also_called = models.CharField(
        max_length=300, blank=True, help_text="Other names the source gives its workers."
    )
    note = models.TextField(
        blank=True, help_text="What a reader should know before reading the figures."
    )
    counted_for = models.ManyToManyField(
        Role,
        blank=True,
        related_name="counted_in",
        help_text="Paths whose workers the government counts in this occupation.",
    )
    starting_point_for = models.ManyToManyField(
        Role,
        blank=True,
        related_name="starting_occupations",
        help_text="Paths that many people reach after starting in this occupation.",
    )
    sources = models.ManyToManyField(Source, blank=True, related_name="occupations")
    display_order = models.PositiveIntegerField(default=0)

    objects = ContentQuerySet.as_manager()

    class Meta:
        ordering = ["display_order", "soc_code"]

    def __str__(self):
        return f"{self.title} ({self.soc_code})"


class LaborFigure(models.Model):
    """One published figure about an occupation, with its data year and its source."""

    class Kind(models.TextChoices):
        MEDIAN_ANNUAL_PAY = "median_annual_pay", "Median pay per year"
        MEDIAN_HOURLY_PAY = "median_hourly_pay", "Median pay per hour"
        JOBS = "jobs", "Number of jobs"
        GROWTH = "growth", "Projected job growth"
        OPENINGS = "openings", "Openings each year"
        ENTRY_EDUCATION = "entry_education", "Typical education to start"
        EXPERIENCE = "experience", "Related work experience"

    occupation = models.ForeignKey(Occupation, on_delete=models.CASCADE, related_name="figures")
    kind = models.CharField(max_length=30, choices=Kind.choices)
    value = models.CharField(max_length=200, help_text="As the source publishes it.")
    period = models.CharField(
        "data year or period", max_length=60, help_text="E.g. “May 2023” or “2023–33”."
    )
    detail = models.CharField(max_length=300, blank=True, help_text="A short plain note.")
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="labor_figures")

    objects = ContentQuerySet.as_manager()

    class Meta:
        ordering = ["occupation", "kind"]
        verbose_name = "labor-market figure"
        constraints = [
            models.UniqueConstraint(
                fields=["occupation", "kind"], name="labor_figure_one_per_kind"
            ),
            models.CheckConstraint(condition=~models.Q(value=""), name="labor_figure_has_value"),
            models.CheckConstraint(condition=~models.Q(period=""), name="labor_figure_has_period"),
        ]

    def __str__(self):
        return f"{self.occupation.title}: {self.get_kind_display()} {self.value} ({self.period})"

    @property
    def citations(self):
        return (self.source,)


class Credential(models.Model):
    """A license or a voluntary certification: an exam-based credential, not a degree."""

    class Kind(models.TextChoices):
        LICENSE = "license", "License (required by law)"
        CERTIFICATION = "certification", "Certification (voluntary)"

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=100, unique=True)
    abbreviation = models.CharField(max_length=20, blank=True)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    granted_by = models.CharField(
        max_length=200, help_text="The body that grants it, its name in full."
    )
    description = models.TextField()
    roles = models.ManyToManyField(Role, related_name="credentials")
    sources = models.ManyToManyField(Source, related_name="credentials")
    display_order = models.PositiveIntegerField(default=0)
    is_published = models.BooleanField("published", default=True)

    objects = PublishedQuerySet.as_manager()

    class Meta:
        ordering = ["kind", "display_order", "name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("roles:degrees") + f"#{self.slug}"


class GlossaryTerm(models.Model):
    term = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(max_length=80, unique=True)
    definition = models.TextField()
    also_matches = models.CharField(
        max_length=200,
        blank=True,
        help_text="Other forms of the word to link, separated by commas, e.g. “stakeholder”.",
    )
    sources = models.ManyToManyField(Source, blank=True, related_name="glossary_terms")

    objects = ContentQuerySet.as_manager()

    class Meta:
        ordering = ["term"]

    def __str__(self):
        return self.term

    def get_absolute_url(self):
        return reverse("roles:glossary") + f"#{self.slug}"

    @property
    def forms(self) -> list[str]:
        extra = [form.strip() for form in self.also_matches.split(",") if form.strip()]
        return [self.term, *extra]


class FaqEntry(models.Model):
    question = models.CharField(max_length=200, unique=True)
    answer = models.TextField(help_text="Blank lines separate paragraphs.")
    sources = models.ManyToManyField(Source, related_name="faq_entries")
    display_order = models.PositiveIntegerField(default=0)
    is_published = models.BooleanField("published", default=True)

    objects = PublishedQuerySet.as_manager()

    class Meta:
        ordering = ["display_order", "question"]
        verbose_name = "FAQ entry"
        verbose_name_plural = "FAQ entries"

    def __str__(self):
        return self.question

    def get_absolute_url(self):
        return reverse("roles:faq")

    @property
    def answer_paragraphs(self):
        return [p.strip() for p in self.answer.split("\n\n") if p.strip()]


class SeededItem(models.Model):
    """
    Remembers which seed entries were loaded once, so that loading the content
    again never re-creates a row an editor deleted nor overwrites one they changed.
    """

    key = models.CharField(max_length=200, unique=True)
    loaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["key"]

    def __str__(self):
        return self.key

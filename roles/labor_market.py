"""
The government figures, licenses and certifications the pages show, with the glossary and
the FAQ: plain ORM selectors, each a fixed number of queries however much content there is.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field

from django.db.models import Prefetch, prefetch_related_objects
from django.db.models.functions import Lower

from .models import Credential, FaqEntry, GlossaryTerm, LaborFigure, Occupation, Role


@dataclass(frozen=True)
class RoleLaborMarket:
    """What the government data says about one path, and how to get in."""

    role: Role
    counted_in: list[Occupation] = field(default_factory=list)  # usually one: SOC 11-9111
    starting_points: list[Occupation] = field(default_factory=list)
    licenses: list[Credential] = field(default_factory=list)
    certifications: list[Credential] = field(default_factory=list)

    @property
    def figures(self) -> list[LaborFigure]:
        return [figure for occupation in self.counted_in for figure in occupation.shown_figures]

    def figure(self, kind: str) -> LaborFigure | None:
        return next((f for f in self.figures if f.kind == kind), None)

    @property
    def sources(self) -> list:
        """Every source the figures and credentials cite, each once."""
        cited = [
            figure.source
            for o in [*self.counted_in, *self.starting_points]
            for figure in o.shown_figures
        ]
        cited += [s for c in [*self.licenses, *self.certifications] for s in c.sources.all()]
        return list({source.pk: source for source in cited}.values())


def labor_markets(*, roles: Sequence[Role], figures_only: bool = False) -> list[RoleLaborMarket]:
    """
    Each role's occupations (with their figures) and credentials, in the roles' order. Five
    queries, however many roles: the two role-occupation links, the figures with their
    sources, the role-credential links, and the credentials' sources. With `figures_only`,
    only the occupations the roles are counted in and their figures (two queries): what the
    comparison and the home page show.
    """
    ids = [role.pk for role in roles]

    def links(through, linked, **filters):
        """The roles' rows of a many-to-many table, with what each links to, in display order."""
        rows = through.objects.filter(role_id__in=ids, **filters).select_related(linked)
        return list(rows.order_by(f"{linked}__display_order", f"{linked}_id"))

    counted = links(Occupation.counted_for.through, "occupation")
    starting = [] if figures_only else links(Occupation.starting_point_for.through, "occupation")
    occupations = [link.occupation for link in [*counted, *starting]]
    # A figure reaches a page only with its value, its period and its source: the database
    # refuses blanks, and this keeps the rule in one place for rows made any other way.
    shown = LaborFigure.objects.exclude(value="").exclude(period="").select_related("source")
    prefetch_related_objects(
        occupations, Prefetch("figures", queryset=shown, to_attr="shown_figures")
    )
    for occupation in occupations:
        # In the order the kinds are declared: pay first.
        occupation.shown_figures.sort(key=lambda figure: LaborFigure.Kind.values.index(figure.kind))

    credential_links = (
        []
        if figures_only
        else links(Credential.roles.through, "credential", credential__is_published=True)
    )
    prefetch_related_objects([link.credential for link in credential_links], "sources")

    markets = []
    for role in roles:
        mine = [link.credential for link in credential_links if link.role_id == role.pk]
        markets.append(
            RoleLaborMarket(
                role=role,
                counted_in=[link.occupation for link in counted if link.role_id == role.pk],
                starting_points=[link.occupation for link in starting if link.role_id == role.pk],
                licenses=[c for c in mine if c.kind == Credential.Kind.LICENSE],
                certifications=[c for c in mine if c.kind == Credential.Kind.CERTIFICATION],
            )
        )
    return markets


def published_credentials() -> list[Credential]:
    """Every published license and certification with its roles and sources. Three queries."""
    return list(
        Credential.objects.published().prefetch_related(
            Prefetch("roles", queryset=Role.objects.published()), "sources"
        )
    )


def glossary_terms(*, with_sources: bool = False) -> list[GlossaryTerm]:
    """
    Every glossary term, A to Z whatever the case ("SOC code" among the S words); one query,
    two with their sources (for the glossary page).
    """
    terms = GlossaryTerm.objects.order_by(Lower("term"))
    return list(terms.prefetch_related("sources") if with_sources else terms)


def faq_entries() -> list[FaqEntry]:
    """Published questions and answers with their sources. Two queries."""
    return list(FaqEntry.objects.published().prefetch_related("sources"))

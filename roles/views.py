"""
The public pages. Each view loads its content through roles.selectors (a fixed handful of
queries), builds what the template shows with plain functions, and renders it. Anonymous
visitors get every page from the page cache once it has been rendered.
"""

from django.conf import settings
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_safe

from . import structured_data
from .comparison import (
    build_comparison,
    comparison_pairs,
    comparison_url,
    differences_only,
    in_canonical_order,
    one_occupation_note,
    split_pair,
)
from .forms import PICKER_FIELDS, ComparePickerForm
from .glossary import GlossaryLinker
from .handout import build_handout, handout_url, suggested_citation
from .labor_market import faq_entries, glossary_terms, labor_markets, published_credentials
from .models import Credential, DegreeProgram
from .page_cache import cache_public_page, site_origin
from .selectors import (
    draft_role,
    group_by_choices,
    published_programs,
    published_roles,
    role_profiles,
    shared_source_notes,
)


@require_safe
@cache_public_page
def home(request):
    roles = published_roles()
    pairs = comparison_pairs(roles)
    markets = labor_markets(roles=roles, figures_only=True)
    return render(
        request,
        "roles/home.html",
        {
            "section": "home",
            "roles": roles,
            "markets": markets,
            "pay_note": one_occupation_note(markets),
            "headline_comparison_url": comparison_url(*pairs[0]) if pairs else "",
            "structured_data": structured_data.json_ld_script(
                structured_data.website(name=settings.SITE_NAME, url=site_origin(request) + "/")
            ),
        },
    )


@require_safe
@cache_public_page
def role_list(request):
    roles = published_roles()
    return render(
        request,
        "roles/role_list.html",
        {"section": "roles", "roles": roles, "pairs": _pairs_with_urls(roles)},
    )


@require_safe
@cache_public_page
def role_detail(request, slug):
    roles = published_roles()
    role = next((r for r in roles if r.slug == slug), None)
    if role is None and request.user.is_staff:
        role = draft_role(slug=slug)
    if role is None:
        raise Http404("No such role.")
    [profile] = role_profiles(roles=[role])
    [market] = labor_markets(roles=[role])
    if role.is_published:
        others = [other for other in roles if other != role]
        occupation = structured_data.occupation(
            profile=profile, url=site_origin(request) + role.get_absolute_url()
        )
    else:  # a staff preview: nothing to compare with, nothing for search engines
        others, occupation = [], None
    return render(
        request,
        "roles/role_detail.html",
        {
            "section": "roles",
            "role": role,
            "last_reviewed": role.last_reviewed,
            "profile": profile,
            "market": market,
            "sources": list({s.pk: s for s in [*profile.sources, *market.sources]}.values()),
            "pay_note": one_occupation_note([market]),
            "glossary": GlossaryLinker(glossary_terms()),
            "notes": shared_source_notes(roles=[role]),
            "compare_with": [(other, comparison_url(role, other)) for other in others],
            "structured_data": structured_data.json_ld_script(occupation) if occupation else "",
        },
    )


@require_safe
@cache_public_page(bypass=PICKER_FIELDS)
def compare_picker(request):
    roles = published_roles()
    chosen = request.GET if set(PICKER_FIELDS) & request.GET.keys() else None
    form = ComparePickerForm(chosen, roles=roles, initial=_picker_initial(roles[:2]))
    if form.is_valid():
        return redirect(comparison_url(*form.chosen_roles()))
    return render(
        request,
        "roles/compare_picker.html",
        {"section": "compare", "form": form, "pairs": _pairs_with_urls(roles)},
    )


def _compared_roles(request, pair, *, published, url_of):
    """
    The roles of `published` a comparison's address names, in canonical order; or a
    permanent redirect to the address in canonical order (`url_of(*roles)`), or to the
    role's page when it names one role twice.
    """
    slugs = split_pair(pair)
    roles_by_slug = {role.slug: role for role in published}
    if slugs is None or not all(slug in roles_by_slug for slug in slugs):
        raise Http404("No such comparison.")
    chosen = [roles_by_slug[slug] for slug in slugs]
    distinct = list(dict.fromkeys(chosen))
    if len(distinct) == 1:
        return redirect(chosen[0], permanent=True)
    roles = in_canonical_order(*distinct)
    if chosen != roles:
        url = url_of(*roles)
        query = request.META.get("QUERY_STRING", "")
        return redirect(f"{url}?{query}" if query else url, permanent=True)
    return roles


def _comparison_of(roles):
    return build_comparison(
        profiles=role_profiles(roles=roles),
        notes=shared_source_notes(roles=roles),
        markets=labor_markets(roles=roles, figures_only=True),
    )


@require_safe
@cache_public_page(variants={"view": {"differences"}})
def compare(request, pair):
    published = published_roles()
    roles = _compared_roles(request, pair, published=published, url_of=comparison_url)
    if isinstance(roles, HttpResponse):
        return roles
    comparison = _comparison_of(roles)
    if request.GET.get("view") == "differences":
        comparison = differences_only(comparison)
    return render(
        request,
        "roles/compare.html",
        {
            "section": "compare",
            "comparison": comparison,
            "handout_url": handout_url(*roles),
            "last_reviewed": min(role.last_reviewed for role in roles),
            "form": ComparePickerForm(roles=published, initial=_picker_initial(roles)),
        },
    )


@require_safe
@cache_public_page
def compare_handout(request, pair):
    roles = _compared_roles(request, pair, published=published_roles(), url_of=handout_url)
    if isinstance(roles, HttpResponse):
        return roles
    handout = build_handout(comparison=_comparison_of(roles))
    return render(
        request,
        "roles/handout.html",
        {
            "section": "compare",
            "handout": handout,
            "comparison_url": comparison_url(*roles),
            "citation": suggested_citation(
                publisher=settings.SITE_NAME,
                title=f"{handout.comparison.title}: a handout",
                url=site_origin(request) + handout_url(*roles),
                reviewed=handout.last_reviewed,
                visited=timezone.localdate(),
            ),
            "last_reviewed": handout.last_reviewed,
        },
    )


@require_safe
@cache_public_page
def degree_list(request):
    programs = published_programs()
    return render(
        request,
        "roles/degree_list.html",
        {
            "section": "degrees",
            "levels": group_by_choices(programs, DegreeProgram.Level, key=lambda p: p.level),
            "credentials": group_by_choices(
                published_credentials(), Credential.Kind, key=lambda c: c.kind
            ),
            "glossary": GlossaryLinker(glossary_terms()),
            "structured_data": structured_data.json_ld_script(
                structured_data.degree_programs(
                    programs=programs, page_url=site_origin(request) + reverse("roles:degrees")
                )
            ),
        },
    )


@require_safe
@cache_public_page
def glossary(request):
    return render(
        request,
        "roles/glossary.html",
        {"section": "glossary", "terms": glossary_terms(with_sources=True)},
    )


@require_safe
@cache_public_page
def faq(request):
    entries = faq_entries()
    return render(
        request,
        "roles/faq.html",
        {
            "section": "faq",
            "entries": entries,
            "glossary": GlossaryLinker(glossary_terms()),
            "structured_data": structured_data.json_ld_script(
                structured_data.faq_page(entries=entries)
            ),
        },
    )


@require_safe
@cache_public_page
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /assessment/results/",
        "",
        f"Sitemap: {site_origin(request)}{reverse('sitemap')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def _pairs_with_urls(roles):
    return [(left, right, comparison_url(left, right)) for left, right in comparison_pairs(roles)]


def _picker_initial(roles):
    return dict(zip(PICKER_FIELDS, [role.slug for role in roles], strict=False))

"""
The sitemap: every public page, each comparison of two published roles and its handout
included, in a sitemap index (/sitemap.xml) that lists one or more pages per section.

Drafts never appear, nor do assessment results (private to whoever holds the link).
"""

from datetime import datetime
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from .comparison import comparison_pairs, comparison_url
from .handout import handout_url
from .selectors import published_roles


class SiteSitemap(Sitemap):
    """Absolute addresses on SITE_URL when it is set, else on the requested host."""

    # The protocol's ceiling per file; the sitemap index lists as many pages as it takes.
    limit = 50_000

    def get_protocol(self, protocol=None):
        return urlsplit(settings.SITE_URL).scheme or super().get_protocol(protocol)

    def get_domain(self, site=None):
        return urlsplit(settings.SITE_URL).netloc or super().get_domain(site)

    def get_latest_lastmod(self):
        # The index gives each section's latest change to the day, as each address's own
        # lastmod is given: a timestamp would change with every save and say no more.
        latest = super().get_latest_lastmod()
        return latest.date() if isinstance(latest, datetime) else latest


class StaticPagesSitemap(SiteSitemap):
    def items(self):
        return [
            "roles:home",
            "roles:list",
            "roles:compare_picker",
            "roles:degrees",
            "roles:glossary",
            "roles:faq",
            "assessment:form",
        ]

    def location(self, item):
        return reverse(item)


class RoleSitemap(SiteSitemap):
    def items(self):
        return published_roles()

    def lastmod(self, role):
        return role.updated_at


class ComparisonSitemap(SiteSitemap):
    def items(self):
        return comparison_pairs(published_roles())

    def location(self, pair):
        return comparison_url(*pair)

    def lastmod(self, pair):
        return max(role.updated_at for role in pair)


class HandoutSitemap(ComparisonSitemap):
    """Each comparison's printable handout."""

    def location(self, pair):
        return handout_url(*pair)


SITEMAPS = {
    "pages": StaticPagesSitemap,
    "roles": RoleSitemap,
    "comparisons": ComparisonSitemap,
    "handouts": HandoutSitemap,
}

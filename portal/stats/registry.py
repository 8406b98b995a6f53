"""Sections of /thong-ke that features contribute, so statistics never import a feature.

A feature registers, in the order its section appears, one function that renders its figures for
the whole country and one that renders them for a committee (the committee page of a commune, a
province or the central committee). Each computes its own counts: only counts and names of
committees may reach these pages, never the wording or the personal data behind them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from markupsafe import Markup

from portal.units.models import Unit


def _rendered(html: Markup | str) -> Markup:
    """A section as a feature's template rendered it (Jinja escaped every value in it)."""
    markup = Markup(html)  # noqa: S704 (a rendered template)  # nosec B704
    return markup.strip()


@dataclass(frozen=True)
class StatsSection:
    order: int
    national: Callable[[], Markup | str]
    committee: Callable[[Unit], Markup | str]


@dataclass
class StatsSections:
    sections: list[StatsSection] = field(default_factory=list)

    def register(self, order: int, national: Callable[[], Markup | str],
                 committee: Callable[[Unit], Markup | str]) -> None:
        self.sections.append(StatsSection(order, national, committee))
        self.sections.sort(key=lambda section: section.order)

    def render_national(self) -> list[Markup]:
        return [_rendered(s.national()) for s in self.sections]

    def render_committee(self, unit: Unit) -> list[Markup]:
        return [_rendered(s.committee(unit)) for s in self.sections]


sections = StatsSections()

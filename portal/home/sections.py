"""Home-page sections that features contribute, so home never imports a feature."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from markupsafe import Markup


@dataclass
class HomeSections:
    providers: list[tuple[int, Callable[[], Markup | str]]] = field(default_factory=list)

    def register(self, order: int, render: Callable[[], Markup | str]) -> None:
        self.providers.append((order, render))
        self.providers.sort(key=lambda item: item[0])

    def render_all(self) -> list[Markup]:
        return [Markup(render()) for _, render in self.providers]  # noqa: S704 (rendered templates)  # nosec B704


sections = HomeSections()

"""/thong-ke learns its sections from a registry the features fill: order, both pages, the unit."""

from __future__ import annotations

from markupsafe import Markup

from portal.stats.registry import StatsSections, sections


def test_sections_render_in_their_order_with_the_committee():
    found = StatsSections()
    found.register(20, lambda: "<p>second</p>\n", lambda unit: f"<p>second {unit}</p>")
    found.register(10, lambda: Markup("<p>first</p>"), lambda unit: f"<p>first {unit}</p>")
    assert found.render_national() == ["<p>first</p>", "<p>second</p>"]
    assert found.render_committee("31") == ["<p>first 31</p>", "<p>second 31</p>"]
    assert all(isinstance(part, Markup) for part in found.render_national())


def test_the_features_register_petitions_then_lessons(app):
    names = [s.national.__module__ for s in sections.sections]
    assert names == ["portal.petitions.stats_view", "portal.lessons.stats_view"]


def test_a_registered_section_reaches_both_pages(client):
    sections.register(15, lambda: "<p id=t-national>n</p>", lambda unit: f"<p id=t-committee>{unit.code}</p>")
    try:
        page = client.get("/thong-ke").get_data(as_text=True)
        committee = client.get("/thong-ke/31").get_data(as_text=True)
    finally:
        sections.sections = [s for s in sections.sections if s.order != 15]
    assert page.index('<h2>Phản ánh, kiến nghị</h2>') < page.index("<p id=t-national>n</p>") < page.index('id="hoc-so"')
    assert "<p id=t-committee>31</p>" in committee
    assert committee.index("<p id=t-committee>") < committee.index('id="hoc-so"')

"""The explorer's actor, exercise and country views in headless Chromium: each loads from its
own URL with every off-host request aborted, names its entity, draws its charts and logs no
console error; links lead from a statement to its speaker and on to a country, and back and
forward retrace them."""

import re
from collections.abc import Iterator
from typing import Any

import pytest

from tests.api.browser import chromium, offline_page, served_app
from tests.factories import World

pytestmark = pytest.mark.usefixtures("chromium_installed")

# Per canvas of the view: a Chart.js chart with data, and some pixel painted.
DRAWN_CHARTS = """() => [...document.querySelectorAll('#entity-view canvas')].map((canvas) => {
  const chart = window.Chart.getChart(canvas);
  const points = chart ? chart.data.datasets.reduce((n, set) => n + set.data.length, 0) : 0;
  const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
  return {points, painted: pixels.some((value) => value !== 0), label: canvas.ariaLabel};
})"""


@pytest.fixture
def world_server(world: World) -> Iterator[str]:
    with served_app() as base:
        yield base


@pytest.fixture
def browser() -> Iterator[Any]:
    with chromium() as launched:
        yield launched


def drawn_charts(page: Any) -> list[dict[str, Any]]:
    page.wait_for_function("() => document.querySelectorAll('#entity-view canvas').length > 0")
    return page.evaluate(DRAWN_CHARTS)


def test_the_actor_view_from_its_url(world_server: str, world: World, browser: Any) -> None:
    from playwright.sync_api import expect

    page, log = offline_page(browser, world_server)
    page.goto(f"{world_server}/actors/{world.tokayev.id}")
    view = page.locator("#entity-view")
    expect(view.locator("h2")).to_have_text("Kassym-Jomart Tokayev")
    expect(page).to_have_title(re.compile("^Kassym-Jomart Tokayev"))
    expect(page.locator("#search-view")).to_be_hidden()
    expect(view.get_by_text("Also named: K. Tokayev")).to_be_visible()
    charts = drawn_charts(page)
    # Statements per month (May and June 2024) and the countries they mention (KZ, US).
    assert [c["points"] for c in charts] == [2, 2] and all(c["painted"] for c in charts)
    assert charts[1]["label"].startswith("Countries Kassym-Jomart Tokayev's statements mention")
    co_quoted = view.locator("[aria-labelledby=section-quoted-in-the-same-articles] a")
    expect(co_quoted).to_have_text(["Jens Stoltenberg"])
    titles = view.locator("[aria-labelledby=section-titles-over-time] tbody tr")
    expect(titles).to_have_text([re.compile("2024-05-01Head of State"), re.compile("President")])
    statements = view.locator(".statement")
    expect(statements).to_have_count(3)
    export = view.get_by_role("link", name="Export CSV")
    assert export.get_attribute("href") == (
        f"/api/v1/statements?speaker_id={world.tokayev.id}&format=csv"
    )
    view.get_by_label("Kind").select_option("indirect")
    expect(statements).to_have_count(1)
    expect(statements.locator("blockquote")).to_have_text("the United States sent units")
    log.assert_clean()


def test_the_exercise_view_from_its_url(world_server: str, world: World, browser: Any) -> None:
    from playwright.sync_api import expect

    page, log = offline_page(browser, world_server)
    page.goto(f"{world_server}/exercises/{world.steppe_eagle.id}")
    view = page.locator("#entity-view")
    expect(view.locator("h2")).to_have_text("Steppe Eagle")
    expect(view.get_by_text("Hosted by KZ")).to_be_visible()
    charts = drawn_charts(page)
    # The country-by-year matrix: KZ and US sent units, RU representatives, in 2024.
    assert [c["points"] for c in charts] == [3] and charts[0]["painted"]
    matrix = view.locator("table.matrix tbody tr")
    expect(matrix).to_have_text(["KZunits", "RUrepresentatives", "USunits"])
    editions = view.locator("[aria-labelledby=section-editions-by-year] tbody th")
    expect(editions).to_have_text(["2023", "2024"])
    articles = view.locator(".articles button")
    expect(articles).to_have_text(["Steppe Eagle begins in Kazakhstan", "NATO chief visits Astana"])
    articles.first.click()
    expect(view.locator("article h2")).to_have_text("Steppe Eagle begins in Kazakhstan")
    log.assert_clean()


def test_the_country_view_from_its_url(world_server: str, world: World, browser: Any) -> None:
    from playwright.sync_api import expect

    page, log = offline_page(browser, world_server)
    page.goto(f"{world_server}/countries/kz")
    view = page.locator("#entity-view")
    expect(view.locator("h2")).to_have_text("Kazakhstan")
    charts = drawn_charts(page)
    # Statements mentioning it (May, June 2024), its two speakers, its three partners.
    assert [c["points"] for c in charts] == [2, 2, 3] and all(c["painted"] for c in charts)
    partners = view.locator("[aria-labelledby=section-exercise-partners] li a")
    expect(partners).to_have_text(["Kyrgyzstan", "Russian Federation", "United States"])
    roles = view.locator("[aria-labelledby=section-exercises-hosted-and-joined] tbody tr")
    expect(roles).to_have_text(
        ["Regional Cooperationtook part (2022)KG", "Steppe Eaglehost; sent units (2024)KZ"]
    )
    log.assert_clean()


def test_an_unknown_entity_says_so(world_server: str, world: World, browser: Any) -> None:
    from playwright.sync_api import expect

    page, _log = offline_page(browser, world_server)
    page.goto(f"{world_server}/actors/777777")
    expect(page.locator("#entity-view [role=alert]")).to_have_text("No actor 777777.")


def test_links_lead_from_a_statement_to_its_speaker_then_a_country_and_back(
    world_server: str, world: World, browser: Any
) -> None:
    from playwright.sync_api import expect

    page, log = offline_page(browser, world_server, viewport={"width": 390, "height": 844})
    page.goto(f"{world_server}/?speaker=Stoltenberg")
    statements = page.locator("#statements .statement")
    expect(statements).to_have_count(2)
    speaker_view = page.locator("#facet-speakers .to-view")
    expect(speaker_view).to_have_attribute("href", f"/actors/{world.stoltenberg.id}")
    heading = page.locator("#entity-view h2")
    # By keyboard: the speaker's link, then Enter.
    statements.first.locator(".who a").focus()
    page.keyboard.press("Enter")
    expect(heading).to_have_text("Jens Stoltenberg")
    assert page.url == f"{world_server}/actors/{world.stoltenberg.id}"
    expect(page.locator("#entity-view").get_by_role("link", name="NATO")).to_be_visible()

    page.locator("[aria-labelledby=section-countries-spoken-about] a", has_text="Russia").click()
    expect(heading).to_have_text("Russian Federation")
    assert page.url == f"{world_server}/countries/RU"
    drawn_charts(page)

    page.reload()  # the app answers the view's URL: the same view again
    expect(heading).to_have_text("Russian Federation")
    page.go_back()
    expect(heading).to_have_text("Jens Stoltenberg")
    page.go_back()
    expect(page.locator("#search-view")).to_be_visible()
    expect(statements).to_have_count(2)
    assert page.locator("#speaker").input_value() == "Stoltenberg"
    page.go_forward()
    expect(heading).to_have_text("Jens Stoltenberg")
    log.assert_clean()

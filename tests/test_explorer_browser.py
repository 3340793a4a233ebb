"""The explorer page in a real browser: headless Chromium, the page served on 127.0.0.1,
every other host unreachable.

The page is the explorer's own markup (the HTML block of ``report/explorer.qmd``), its
vendored script and the data the build exports from the clean tables; when a rendered
site exists (``report/_site/explorer.html``) it is tested too, with everything Quarto
adds. The test picks a country by name and checks that the charts and the data table
change to show it, with the values of the published CSV; that the index menu redraws the
editions; that nothing was logged to the console as an error; and that no request left
the page's origin. It also measures what the page transfers.
"""

from __future__ import annotations

import functools
import http.server
import json
import re
import shutil
import threading
from pathlib import Path

import pandas as pd
import pytest

from smartresearch.reporting.explorer_data import write_explorer_data
from smartresearch.reporting.layout import default_layout

webdriver = pytest.importorskip("selenium.webdriver")
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import Select, WebDriverWait  # noqa: E402

LAYOUT = default_layout()
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")
#: What the page may transfer in all (HTML, script, data), in bytes.
PAGE_BUDGET = 2_000_000
pytestmark = pytest.mark.skipif(
    not (CHROMIUM and CHROMEDRIVER), reason="needs chromium and chromedriver on PATH"
)


def explorer_markup() -> str:
    text = (LAYOUT.report_dir / "explorer.qmd").read_text(encoding="utf-8")
    return re.search(r"```\{=html\}\n(.*?)\n```", text, re.S).group(1)


@pytest.fixture(scope="module")
def assembled_site(tmp_path_factory) -> Path:
    """The explorer page outside Quarto: its markup, script and freshly exported data."""
    site = tmp_path_factory.mktemp("site")
    write_explorer_data(site)
    shutil.copytree(LAYOUT.report_dir / "explorer", site / "explorer")
    (site / "explorer.html").write_text(
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        '<link rel="icon" href="data:,"><title>Explorer</title></head><body>'
        f"{explorer_markup()}</body></html>",
        encoding="utf-8",
    )
    return site


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:  # keep the test output clean
        pass


@pytest.fixture(scope="module")
def serve():
    servers = []

    def start(folder: Path) -> str:
        handler = functools.partial(Quiet, directory=str(folder))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}"

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


@pytest.fixture
def browser():
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    options = Options()
    options.binary_location = CHROMIUM
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-dev-shm-usage",
        "--disable-gpu",
        # every host but the page's own resolves to nothing: no request can leave it
        "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
        "--disable-background-networking",
        "--no-first-run",
    ):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(60)
    yield driver
    driver.quit()


def network(driver) -> tuple[list[str], int]:
    """URLs requested, and bytes received, since the last call."""
    urls, size = [], 0
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            urls.append(message["params"]["request"]["url"])
        elif message["method"] == "Network.loadingFinished":
            size += int(message["params"]["encodedDataLength"])
    return urls, size


def console_errors(driver) -> list[str]:
    return [e["message"] for e in driver.get_log("browser") if e["level"] == "SEVERE"]


def table_rows(driver) -> list[tuple[str, ...]]:
    rows = driver.find_elements(By.CSS_SELECTOR, "#explorer-table tbody tr")
    return [
        (r.get_attribute("data-iso3"), *(c.text for c in r.find_elements(By.TAG_NAME, "td")))
        for r in rows
    ]


def drawn_countries(driver, chart: str) -> set[str]:
    paths = driver.find_elements(By.CSS_SELECTOR, f"#{chart} path.series")
    return {p.get_attribute("data-iso3") for p in paths} - {""}


def explore(driver, origin: str, site: Path) -> int:
    """The checks on one served site; returns the bytes the page transferred."""
    driver.get(f"{origin}/explorer.html")
    wait = WebDriverWait(driver, 30)
    wait.until(lambda d: d.find_element(By.ID, "explorer").get_attribute("data-ready") == "true")
    data = pd.read_csv(site / "data" / "explorer.csv")
    egdi = data[(data["dataset"] == "egdi") & (data["indicator"] == "egdi")]
    editions = sorted(egdi["year"].unique())

    before = table_rows(driver)
    assert {r[0] for r in before} == {"DNK", "KOR", "GBR"}
    assert len(before) == 3 * len(editions)
    assert drawn_countries(driver, "explorer-trajectories") == {"DNK", "KOR", "GBR"}
    assert "Chile" not in driver.find_element(By.ID, "explorer-trajectories").text

    box = driver.find_element(By.ID, "explorer-country")
    box.send_keys("Chile")
    driver.find_element(By.ID, "explorer-add").click()
    wait.until(lambda d: any(r[0] == "CHL" for r in table_rows(d)))
    chile = [r for r in table_rows(driver) if r[0] == "CHL"]
    expected = egdi[egdi["iso3"] == "CHL"].set_index("year")["value"]
    shown = {int(r[2]): float(r[3]) for r in chile if r[3] != "not assessed"}
    assert shown == {int(y): float(v) for y, v in expected.items()}
    assert all(r[1] == "Chile" for r in chile)
    assert "CHL" in drawn_countries(driver, "explorer-trajectories")
    assert "CHL" in drawn_countries(driver, "explorer-ranks")
    assert "Chile" in driver.find_element(By.ID, "explorer-trajectories").text
    assert "Chile" in driver.find_element(By.ID, "explorer-status").text
    assert "the other chosen countries" in driver.find_element(By.ID, "explorer-band-note").text

    box.send_keys("Atlantis")
    driver.find_element(By.ID, "explorer-add").click()
    assert "No country named" in driver.find_element(By.ID, "explorer-country-error").text

    Select(driver.find_element(By.ID, "explorer-index")).select_by_value("gtmi")
    gtmi = data[(data["dataset"] == "gtmi") & (data["indicator"] == "gtmi")]
    years = {int(r[2]) for r in table_rows(driver)}
    assert years == {int(y) for y in gtmi["year"].unique()}

    urls, size = network(driver)
    foreign = [u for u in urls if not u.startswith((origin, "data:", "blob:"))]
    assert foreign == [], f"requests outside the site: {foreign}"
    assert any(u.endswith("/data/explorer.csv") for u in urls)
    errors = [e for e in console_errors(driver) if "favicon.ico" not in e]
    assert errors == [], errors
    assert 0 < size < PAGE_BUDGET, f"the page transferred {size:,} bytes"
    return size


def test_explorer_redraws_for_a_chosen_country_offline(browser, serve, assembled_site, capsys):
    size = explore(browser, serve(assembled_site), assembled_site)
    with capsys.disabled():
        print(f"\nexplorer (assembled): {size:,} bytes transferred")


def test_rendered_explorer_page_works_offline(rendered_report, browser, serve, capsys):
    """The explorer as the real Quarto render publishes it (the session's one render; in CI
    a missing Quarto fails rather than skips, as the other render tests do)."""
    assert rendered_report.code == 0, "smartresearch report failed (see the captured output)"
    site = rendered_report.site
    size = explore(browser, serve(site), site)
    with capsys.disabled():
        print(f"\nexplorer (rendered site): {size:,} bytes transferred")

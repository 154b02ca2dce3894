"""Browser journeys: Playwright driving Debian's Chromium against pytest-django's live server.

The live server runs in a thread of this process, so the test database is shared with it;
``live_server`` makes every test that uses it transactional, which commits the council
fixture's data where the server's thread can see it.

Playwright's synchronous API keeps an event loop running in the main thread, which Django's
guard against calling the ORM from async code would otherwise refuse (the fixtures and the
transactional flush run in that thread), so ``DJANGO_ALLOW_ASYNC_UNSAFE`` is on while the
browser is.
"""

import datetime as dt
import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import Council
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright

from haven.people.services import address_add

AXE_JS = Path(__file__).parent / "vendor" / "axe.min.js"
TIMEOUT_MS = 10_000


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    executable = shutil.which("chromium")
    if executable is None:
        pytest.fail("Chromium is missing: run scripts/system-deps.sh (Debian's chromium package)")
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    playwright = sync_playwright().start()
    try:
        browser = playwright.chromium.launch(executable_path=executable, headless=True)
        yield browser
        browser.close()
    finally:
        playwright.stop()
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


def new_context(browser: Browser, *, javascript: bool) -> BrowserContext:
    context = browser.new_context(java_script_enabled=javascript, locale="en-GB")
    context.set_default_timeout(TIMEOUT_MS)
    return context


def axe_violations(page: Page) -> list[dict[str, Any]]:
    """Run axe-core on the page as it stands and return its violations.

    axe is evaluated through the DevTools protocol rather than added as a ``<script>``, so the
    site's Content Security Policy (scripts need the page's nonce) stays on during the test.
    """
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(AXE_JS.read_text(encoding="utf-8"))
    result: dict[str, Any] = page.evaluate(
        "async () => await axe.run(document, {resultTypes: ['violations']})"
    )
    return list(result["violations"])


def describe_violations(violations: list[dict[str, Any]]) -> str:
    lines = []
    for v in violations:
        lines.append(f"{v['id']} ({v['impact']}): {v['help']} — {v['helpUrl']}")
        for node in v["nodes"]:
            lines.append(f"    {json.dumps(node['target'])}: {node['failureSummary']}")
    return "\n".join(lines)


def assert_accessible(page: Page) -> None:
    violations = axe_violations(page)
    assert not violations, (
        f"axe found {len(violations)} accessibility violation(s) on {page.url}:\n"
        + describe_violations(violations)
    )


@pytest.fixture
def journey_council(live_server: Any, council: Council) -> Council:
    """The shared council, with an address for the child the journey follows."""
    address_add(
        actor=None,
        person=council.children["allocated"],
        line_1="12 Lime Street",
        town="Northshire",
        postcode="NS1 4AB",
        started_on=dt.date(2019, 4, 1),
    )
    return council

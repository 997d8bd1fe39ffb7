"""Serve a built site on loopback and drive it with Debian's chromium through Playwright.

Playwright cannot download its own browser here, so the tests use /usr/bin/chromium (`make test` installs it).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path

from fazhi.serve import serve_site

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]


def serve(site: Path) -> AbstractContextManager[str]:
    """Serve `site` on a free 127.0.0.1 port; yields the base URL (no trailing slash)."""
    return serve_site(site)


@contextmanager
def browser_page(locale: str = "zh-CN", bypass_csp: bool = False) -> Iterator[object]:
    """A fresh Playwright page in headless chromium. `bypass_csp`: let a test inject its own script
    (axe-core) into pages whose Content-Security-Policy forbids inline scripts."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(
                locale=locale, viewport={"width": 1280, "height": 900}, bypass_csp=bypass_csp
            )
            yield page
        finally:
            browser.close()

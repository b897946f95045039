"""axe-core in Chromium, for every browser test that audits a page.

axe-core comes from node_modules (npm package `axe-core`, installed by
`make test`). Playwright's `add_script_tag(path=…)` would inject it as an
inline script, which our Content-Security-Policy (`script-src 'self'`)
rightly blocks. Instead of turning the CSP off for these tests, the browser
fetches axe from a same-origin address that Playwright answers from the local
file; the pages are audited exactly as readers get them, CSP included.
"""

from pathlib import Path

import pytest
from django.conf import settings

AXE = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
AXE_PATH = "/__axe__/axe.min.js"  # never served by Django; answered by Playwright


def run_axe(page, site_url):
    """axe's results for the page as it stands: WCAG 2.2 A/AA and best practice, violations only."""
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: `make test` installs it (npm ci, package axe-core).")
    page.route(site_url + AXE_PATH, lambda route: route.fulfill(path=AXE, content_type="text/javascript"))
    page.add_script_tag(url=site_url + AXE_PATH)
    return page.evaluate(
        """() => axe.run(document, {
            runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]},
            resultTypes: ["violations"],
        })"""
    )


def violations(page, site_url):
    """One line a violation (impact, rule, first five elements): `== []` shows them all when it fails."""
    return [
        f"[{v['impact']}] {v['id']}: {v['help']} " + ", ".join(str(n["target"]) for n in v["nodes"][:5])
        for v in run_axe(page, site_url)["violations"]
    ]


def describe(violations):
    """A failure message: each violation with its first five elements and why they fail."""
    return "\n".join(
        f"[{v['impact']}] {v['id']}: {v['help']}\n"
        + "\n".join(f"    {node['target']} {node['failureSummary']!r}" for node in v["nodes"][:5])
        for v in violations
    )

"""Hostile input end to end: `fazhi build` over the seeds plus every case of `hostile_cases`.

Each refused file yields exactly its problem line; each accepted one a page that shows its text
literally and carries no markup from it; the seeds are still published; no traceback ever.
"""

from __future__ import annotations

import csv
import io
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from .conftest import copy_project
from .hostile_cases import ERRORS, KIND_WARNINGS, PAGES, WARNINGS, Page, write_cases

FAZHI = [sys.executable, "-c", "from fazhi.cli import main; main()"]


@dataclass
class Run:
    root: Path
    code: int
    stdout: str
    stderr: str
    extra: list[str]

    def pages(self) -> dict[str, Path]:
        """source file → its built page, from the published sidecars."""
        found = {}
        for sidecar in (self.root / "build" / "docs" / "reports").glob("*/*.yml"):
            data = yaml.safe_load(sidecar.read_text(encoding="utf-8"))
            found[data["source"]["file"]] = self.root / "build" / "site" / "reports" / data["id"]
        return found

    def sidecar(self, file: str) -> dict:
        folder = self.pages()[file]
        path = self.root / "build" / "docs" / "reports" / folder.name / f"{folder.name}.yml"
        return yaml.safe_load(path.read_text(encoding="utf-8"))


def run_fazhi(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run(
        [*FAZHI, *args], cwd=root, capture_output=True, text=True, env=env, timeout=300
    )


@pytest.fixture(scope="session")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Run:
    root = tmp_path_factory.mktemp("hostile")
    outside = tmp_path_factory.mktemp("outside")
    project = copy_project(root)
    extra = write_cases(project.reports_dir, outside)
    done = run_fazhi(root, "build")
    return Run(root, done.returncode, done.stdout, done.stderr, extra)


class _Article(HTMLParser):
    """The visible text of a page's <article> and every tag and attribute inside it."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.text: list[str] = []
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "article":
            self.depth += 1
        elif self.depth:
            self.tags.append((tag, attrs))

    def handle_endtag(self, tag: str) -> None:
        if tag == "article":
            self.depth -= 1

    def handle_data(self, data: str) -> None:
        if self.depth:
            self.text.append(data)


def article(page: Path) -> _Article:
    parser = _Article()
    parser.feed((page / "index.html").read_text(encoding="utf-8"))
    return parser


ALLOWED_TAGS = {"h1", "h2", "h3", "h4", "h5", "h6", "p", "table", "caption", "tbody", "tr", "th",
                "td", "span", "div", "a", "strong", "em", "ul", "li", "ol", "br", "code", "hr",
                "thead", "nav", "svg", "path", "details", "summary", "small", "dl", "dt", "dd",
                "del", "ins", "mark", "sup", "sub", "blockquote", "pre", "abbr", "time"}  # fmt: skip


def unsafe_markup(parsed: _Article) -> list[str]:
    """Tags and attributes that report text must never produce inside the article."""
    bad = []
    for tag, attrs in parsed.tags:
        if tag not in ALLOWED_TAGS:
            bad.append(f"<{tag}>")
        for name, value in attrs:
            value = (value or "").strip().lower()
            if name.startswith("on") or name in ("src", "style", "srcdoc"):
                bad.append(f"{tag} {name}={value}")
            if name == "href" and (":" in value.split("/")[0] or value.startswith("//")):
                bad.append(f"{tag} href={value}")
    return bad


def test_build_finishes_without_a_traceback(hostile):
    assert "Traceback" not in hostile.stdout + hostile.stderr
    assert hostile.code == 1, hostile.stderr
    published = len(PAGES) + 5 + 1  # the pages, the seeds and same-place-2.txt (a warning)
    assert hostile.stdout.startswith(f"published {published} reports")


@pytest.mark.parametrize("case", ERRORS + WARNINGS, ids=lambda c: c.file)
def test_refused_or_warned_with_its_own_line(hostile, case):
    lines = hostile.stderr.splitlines()
    assert any(line.startswith(case.line) for line in lines), (case.line, lines)


def test_files_made_by_the_fixture_get_their_lines(hostile):
    lines = hostile.stderr.splitlines()
    for expected in hostile.extra:
        assert expected in lines


def test_pages_of_undecided_kind_are_warned_about(hostile):
    lines = hostile.stderr.splitlines()
    for expected in KIND_WARNINGS:
        assert any(line.startswith(expected) for line in lines), (expected, lines)


def test_each_problem_is_one_line_and_counted(hostile):
    problem_lines = [line for line in hostile.stderr.splitlines() if line.startswith(("error:", "warning:"))]
    errors = sum(line.startswith("error:") for line in problem_lines)
    assert len(problem_lines) == len(ERRORS) + len(WARNINGS) + len(KIND_WARNINGS) + len(hostile.extra)
    assert f"{errors} error(s), {len(problem_lines) - errors} warning(s)" in hostile.stderr


def logged_before(page: Path) -> str:
    """The `before` column of the page's published cleaning log: what cleaning changed."""
    logs = list(page.glob("*.cleaning-log.csv"))
    if not logs:
        return ""
    rows = csv.DictReader(io.StringIO(logs[0].read_text(encoding="utf-8-sig")))
    return "\n".join(row["before"] for row in rows)


@pytest.mark.parametrize("case", PAGES, ids=lambda c: c.file)
def test_page_shows_the_text_literally_and_no_markup(hostile, case: Page):
    """Each string is on the page as written, or cleaning changed it and logged the original."""
    page = hostile.pages()[case.file]
    parsed = article(page)
    text = "".join(parsed.text)
    before = logged_before(page)
    for expected in case.shows:
        assert expected in text or expected in before, (expected, text[:400], before)
    assert unsafe_markup(parsed) == []


def test_downloads_are_inert(hostile):
    """No published CSV cell starts a spreadsheet formula; raw sources are never rendered as pages."""
    site = hostile.root / "build" / "site"
    cells = [
        cell
        for path in site.rglob("*.csv")
        for row in csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig")))
        for cell in row
    ]
    assert not [c for c in cells if c.startswith(("=", "+", "-", "@"))]
    assert any(c.startswith("'=HYPERLINK") for c in cells)  # formula.txt's line, neutralised
    assert not [p for p in site.rglob("*.source*") if p.is_dir()]


@pytest.mark.parametrize("case", PAGES, ids=lambda c: c.file)
def test_sidecar_names_the_encoding(hostile, case: Page):
    assert hostile.sidecar(case.file)["source"]["encoding"] == case.encoding


def test_seeds_and_good_reports_are_all_published(hostile, built):
    _, seeds = built
    published = hostile.pages()
    assert {r.source.file for r in seeds.reports} <= set(published)
    assert {c.file for c in PAGES} | {"same-place-2.txt"} <= set(published)
    assert "link.txt" not in published and "secret.txt" not in published


@pytest.mark.parametrize(
    ("file", "title"),
    [
        ("html-title.txt", "&lt;script&gt;alert(&#x27;t&#x27;)&lt;/script&gt;2023年度报告"),
        ("ov-title.txt", "&lt;script&gt;alert(&#x27;editor&#x27;)&lt;/script&gt;编辑标题"),
    ],
)
def test_page_title_is_never_markup(hostile, file, title):
    """A title from the text or from an editor's override is text in <title> and the header."""
    html = (hostile.pages()[file] / "index.html").read_text(encoding="utf-8")
    head = html.split("</head>")[0]
    assert "<script>alert" not in html
    assert f"<title>{title} - " in head


def test_check_reports_the_same_problems_without_building(hostile, tmp_path):
    done = run_fazhi(hostile.root, "check")
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    built_lines = [line for line in hostile.stderr.splitlines() if line.startswith(("error", "warn"))]
    check_lines = [line for line in done.stderr.splitlines() if line.startswith(("error", "warn"))]
    assert check_lines == built_lines


def test_keep_going_exits_zero_and_clean_content_exits_zero(tmp_path):
    project = copy_project(tmp_path)
    (project.reports_dir / "empty.txt").write_bytes(b"")
    done = run_fazhi(tmp_path, "build", "--keep-going")
    assert done.returncode == 0, done.stderr
    assert "error: empty.txt: the file is empty (0 bytes)" in done.stderr
    (project.reports_dir / "empty.txt").unlink()
    assert run_fazhi(tmp_path, "check").returncode == 0
    assert run_fazhi(tmp_path, "build").returncode == 0


# --- in a real browser --------------------------------------------------------------------------


class Watch:
    """What a page did that it must not: dialogs, errors, and scripts the CSP refused."""

    def __init__(self, page) -> None:
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        self.refused: list[str] = []
        page.on("dialog", self._dialog)
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on("console", self._console)

    def _dialog(self, dialog) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def _console(self, message) -> None:
        if "Content Security Policy" in message.text:
            self.refused.append(message.text)
        elif message.type == "error":
            self.errors.append(message.text)


SCRIPTED = tuple(
    c for c in PAGES if c.file.startswith(("xss-", "html-title", "yaml-title", "front", "ov-title"))
)


def test_hostile_pages_run_no_script_in_a_browser(hostile):
    from .browser import browser_page, serve

    pages = hostile.pages()
    site = hostile.root / "build" / "site"
    with serve(site) as base, browser_page() as page:
        watch = Watch(page)
        for case in SCRIPTED:
            page.goto(f"{base}/reports/{pages[case.file].name}/", wait_until="networkidle")
            injected = page.evaluate(
                "document.querySelectorAll('article script, article iframe, article img,"
                " article style, article [onload], article [onerror], article [onclick]').length"
            )
            assert injected == 0, case.file
            assert page.evaluate("typeof __md_get") == "function"  # Material still boots under CSP
    assert (watch.dialogs, watch.errors, watch.refused) == ([], [], [])


def test_csp_stops_a_script_that_escaped_escaping(hostile, tmp_path):
    """Defence in depth: a page with a script injected after the build still runs nothing."""
    from .browser import browser_page, serve

    site = tmp_path / "site"
    shutil.copytree(hostile.root / "build" / "site", site)
    folder = site / "reports" / hostile.pages()["xss-00.txt"].name
    html = (folder / "index.html").read_text(encoding="utf-8")
    payload = "<script>alert('inline')</script><img src=x onerror=\"alert('attr')\">"
    (folder / "index.html").write_text(html.replace("<article", payload + "<article", 1), "utf-8")
    with serve(site) as base, browser_page() as page:
        watch = Watch(page)
        page.goto(f"{base}/reports/{folder.name}/", wait_until="networkidle")
        assert page.evaluate("typeof __md_get") == "function"
    assert watch.dialogs == []
    assert len(watch.refused) == 2, watch.refused

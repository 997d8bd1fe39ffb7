"""fazhi's header override is Material's header with only the search part replaced (catches Material upgrades)."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import material

OURS = Path(str(resources.files("fazhi") / "theme" / "partials" / "header.html"))
THEIRS = Path(material.__file__).parent / "templates" / "partials" / "header.html"
SEARCH_START = '    {% if "material/search" in config.plugins %}'
SEARCH_END = "    {% if config.repo_url %}"
INCLUDE = '    {% include "partials/fazhi-search.html" %}\n'


def _without_comment(text: str) -> str:
    return text.split("-#}\n", 1)[1]


def test_header_override_differs_from_material_only_in_the_search_part():
    theirs = _without_comment(THEIRS.read_text(encoding="utf-8"))
    start, end = theirs.index(SEARCH_START), theirs.index(SEARCH_END)
    expected = theirs[:start] + INCLUDE + theirs[end:]
    assert _without_comment(OURS.read_text(encoding="utf-8")) == expected, (
        "Material's partials/header.html changed: copy it again into scripts/fazhi/theme/partials/ and "
        "replace its search block by the include"
    )


def test_built_pages_use_fazhi_search_and_not_materials(built):
    project, _ = built
    html = (project.site_dir / "index.html").read_text(encoding="utf-8")
    assert 'name="fazhi-search"' in html and "data-fz-search" in html
    assert 'name="search"' not in html  # Material's bundle would fetch search_index.json for that form
    assert not (project.site_dir / "search" / "search_index.json").exists()

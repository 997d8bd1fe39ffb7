"""Expected metadata of the hand-made fixtures and the seeds, and a per-field score.

Run `python -m tests.meta_expect` to print precision and abstention per field.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import yaml

from fazhi.model import Report
from fazhi.pipeline import process_source, with_ids
from fazhi.read import read_source

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "meta"
SEED_DIR = ROOT / "content" / "reports"
SCALARS = ("title", "issuer", "level", "year", "date_signed", "doc_number", "signer", "addressee", "document_type")
# a fixture whose entry does not name its document_type is an annual 法治政府建设 report
DEFAULT_TYPE = "annual_report"
LISTS = ("co_issuers", "cc")
REGION = ("province", "city", "county", "township", "code")
FIELDS = (*SCALARS, *LISTS, *(f"region.{k}" for k in REGION))


@functools.cache
def expectations(name: str) -> dict[str, dict[str, Any]]:
    return yaml.safe_load((FIXTURES / name).read_text(encoding="utf-8"))


@functools.cache
def extract(path: Path) -> Report:
    return with_ids([process_source(read_source(path, path.parent))])[0]


def flat_expected(entry: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {f: None for f in SCALARS}
    out.update({f: [] for f in LISTS})
    out.update({f"region.{k}": None for k in REGION})
    out["document_type"] = DEFAULT_TYPE
    for key, value in entry.items():
        if key == "region":
            out.update({f"region.{k}": v for k, v in value.items()})
        else:
            out[key] = value
    return out


def flat_actual(report: Report) -> dict[str, Any]:
    record = report.sidecar()
    out = {f: record[f] for f in (*SCALARS, *LISTS)}
    out.update({f"region.{k}": record["region"][k] for k in REGION})
    return out


def score(pairs: list[tuple[dict[str, Any], dict[str, Any]]]) -> dict[str, dict[str, int]]:
    """Per field: right, wrong (a value that is not the expected one), abstained (null when a
    value was expected), and correct nulls."""
    table = {f: {"right": 0, "wrong": 0, "abstained": 0, "null_ok": 0} for f in FIELDS}
    for expected, actual in pairs:
        for field in FIELDS:
            want, got = expected[field], actual[field]
            if want in (None, []) and got in (None, []):
                table[field]["null_ok"] += 1
            elif got == want:
                table[field]["right"] += 1
            elif got in (None, []):
                table[field]["abstained"] += 1
            else:
                table[field]["wrong"] += 1
    return table


def main() -> None:
    sets = [("fixtures", FIXTURES, "expected.yml"), ("seeds", SEED_DIR, None)]
    for label, folder, _ in sets:
        if label == "seeds":
            from tests.test_meta_seeds import SEEDS_EXPECTED as table
        else:
            table = expectations("expected.yml")
        pairs = []
        for stem, entry in table.items():
            path = next(folder.glob(f"{stem}.*"))
            pairs.append((flat_expected(entry), flat_actual(extract(path))))
        print(f"\n{label}: {len(pairs)} reports")
        print(f"{'field':18} right wrong abstain null-ok  precision")
        for field, row in score(pairs).items():
            answered = row["right"] + row["wrong"]
            precision = f"{row['right'] / answered:.0%}" if answered else "-"
            print(f"{field:18} {row['right']:5} {row['wrong']:5} {row['abstained']:7} {row['null_ok']:7}  {precision}")


if __name__ == "__main__":
    main()

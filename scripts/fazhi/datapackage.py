"""datapackage.json: a Frictionless Data Package (v2) describing the bulk CSV tables, two per report
year (`catalog_shards`)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol

from .catalog_csv import CATALOG_COLUMNS
from .catalog_shards import Shard, shard_label
from .indicator_views import INDICATOR_COLUMNS
from .publication import METADATA_LICENCE_URL, PORTAL_DESCRIPTION, PORTAL_NAME, Publication
from .tabular import Column

PACKAGE_PROFILE = "https://datapackage.org/profiles/2.0/datapackage.json"
RESOURCE_PROFILE = "https://datapackage.org/profiles/2.0/dataresource.json"
SCHEMA_PROFILE = "https://datapackage.org/profiles/2.0/tableschema.json"
DIALECT_PROFILE = "https://datapackage.org/profiles/2.0/tabledialect.json"


class Facts(Protocol):
    """A file's size and checksum (`catalog.FileFacts`)."""

    @property
    def size(self) -> int: ...

    @property
    def sha256(self) -> str: ...


def table_resource(
    name: str, title: str, path: str, data: Facts, columns: tuple[Column, ...]
) -> dict[str, Any]:
    return {
        "$schema": RESOURCE_PROFILE,
        "name": name,
        "title": title,
        "type": "table",
        "path": path,
        "scheme": "file",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "bytes": data.size,
        "hash": "sha256:" + data.sha256,
        "dialect": {
            "$schema": DIALECT_PROFILE,
            "header": True,
            "delimiter": ",",
            "lineTerminator": "\r\n",
            "quoteChar": '"',
            "doubleQuote": True,
        },
        "schema": {
            "$schema": SCHEMA_PROFILE,
            "fields": [c.table_schema_field() for c in columns],
            "missingValues": [""],
        },
    }


def shard_resources(shard: Shard, catalog_csv: Facts, indicators_csv: Facts) -> list[dict[str, Any]]:
    """A shard's two tables; its indicators refer to its own catalogue rows (the same reports)."""
    key, span = shard.key, shard_label(shard)
    catalog = table_resource(
        f"catalog-{key}",
        f"报告目录（{span}，每份报告一行）",
        f"catalog-{key}.csv",
        catalog_csv,
        CATALOG_COLUMNS,
    )
    catalog["schema"]["primaryKey"] = ["id"]
    indicators = table_resource(
        f"indicators-{key}",
        f"量化指标（{span}，长表，每条指标一行）",
        f"indicators-{key}.csv",
        indicators_csv,
        INDICATOR_COLUMNS,
    )
    indicators["schema"]["foreignKeys"] = [
        {"fields": ["report_id"], "reference": {"resource": f"catalog-{key}", "fields": ["id"]}}
    ]
    return [catalog, indicators]


def datapackage(
    tables: Sequence[tuple[Shard, Facts, Facts]], publication: Publication
) -> dict[str, Any]:
    """One catalogue and one indicator resource per shard (per report year), with the same schemas."""
    resources = [
        r
        for shard, catalog, indicators in tables
        for r in shard_resources(shard, catalog, indicators)
    ]
    package: dict[str, Any] = {
        "$schema": PACKAGE_PROFILE,
        "name": "fazhi-reports",
        "title": PORTAL_NAME,
        "description": PORTAL_DESCRIPTION,
        "licenses": [
            {
                "name": "CC-BY-4.0",
                "path": METADATA_LICENCE_URL,
                "title": "Creative Commons Attribution 4.0",
            }
        ],
        "resources": resources,
    }
    if publication.base:
        package["homepage"] = publication.base
    if publication.build_date:
        package["created"] = publication.build_date + "T00:00:00Z"
    return package

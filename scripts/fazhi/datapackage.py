"""datapackage.json: a Frictionless Data Package (v2) describing the bulk CSV tables."""

from __future__ import annotations

import hashlib
from typing import Any

from .catalog_csv import CATALOG_COLUMNS
from .indicator_views import INDICATOR_COLUMNS
from .publication import METADATA_LICENCE_URL, PORTAL_DESCRIPTION, PORTAL_NAME, Publication
from .tabular import Column

PACKAGE_PROFILE = "https://datapackage.org/profiles/2.0/datapackage.json"
RESOURCE_PROFILE = "https://datapackage.org/profiles/2.0/dataresource.json"
SCHEMA_PROFILE = "https://datapackage.org/profiles/2.0/tableschema.json"
DIALECT_PROFILE = "https://datapackage.org/profiles/2.0/tabledialect.json"


def table_resource(
    name: str, title: str, path: str, data: bytes, columns: tuple[Column, ...]
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
        "bytes": len(data),
        "hash": "sha256:" + hashlib.sha256(data).hexdigest(),
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


def datapackage(catalog_csv: bytes, indicators_csv: bytes, publication: Publication) -> dict[str, Any]:
    catalog = table_resource("catalog", "报告目录（每份报告一行）", "catalog.csv", catalog_csv, CATALOG_COLUMNS)
    catalog["schema"]["primaryKey"] = ["id"]
    indicators = table_resource(
        "indicators", "量化指标（长表，每条指标一行）", "indicators.csv", indicators_csv, INDICATOR_COLUMNS
    )
    indicators["schema"]["foreignKeys"] = [
        {"fields": ["report_id"], "reference": {"resource": "catalog", "fields": ["id"]}}
    ]
    package: dict[str, Any] = {
        "$schema": PACKAGE_PROFILE,
        "name": "fazhi-reports",
        "title": PORTAL_NAME,
        "description": PORTAL_DESCRIPTION,
        "licenses": [{"name": "CC-BY-4.0", "path": METADATA_LICENCE_URL, "title": "Creative Commons Attribution 4.0"}],
        "resources": [catalog, indicators],
    }
    if publication.base:
        package["homepage"] = publication.base
    if publication.build_date:
        package["created"] = publication.build_date + "T00:00:00Z"
    return package

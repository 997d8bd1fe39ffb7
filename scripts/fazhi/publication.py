"""Who publishes the portal, where, under which licence: the facts every catalogue format repeats."""

from __future__ import annotations

import os
from dataclasses import dataclass

PORTAL_NAME = "法治政府建设年度报告开放数据门户"
PORTAL_DESCRIPTION = (
    "全国各级政府法治政府建设年度报告的整理文本、元数据与开放数据下载。"
    "每份报告一个数据集，附原始文件、整理后的全文、元数据、量化指标和整理记录。"
)
METADATA_LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"
METADATA_LICENCE_NAME = "知识共享署名 4.0 国际许可协议（CC BY 4.0）"
DOCUMENT_RIGHTS = (
    "报告原文属于国家机关的官方文件，依《中华人民共和国著作权法》第五条不适用该法保护，可自由复制和传播。"
)


@dataclass(frozen=True)
class Publication:
    """`site_url` is the public address of the site ("" when unknown: links stay relative);
    `build_date` is an ISO date for "modified" fields (None: left out, so builds stay reproducible)."""

    site_url: str = ""
    build_date: str | None = None

    @property
    def base(self) -> str:
        return self.site_url.rstrip("/") + "/" if self.site_url else ""

    def url(self, path: str, relative_to: str = "") -> str:
        """An absolute URL for `path` (from the site root) when the site's address is known,
        otherwise `path` relative to the folder `relative_to`."""
        if self.base:
            return self.base + path
        depth = len([p for p in relative_to.strip("/").split("/") if p])
        return "../" * depth + path


def publication_from_env() -> Publication:
    """FAZHI_SITE_URL (also mkdocs' site_url) and SOURCE_DATE_EPOCH, the reproducible-builds date."""
    from datetime import datetime, timezone

    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    date = (
        datetime.fromtimestamp(int(epoch), tz=timezone.utc).date().isoformat()
        if epoch.isdigit()
        else None
    )
    return Publication(site_url=os.environ.get("FAZHI_SITE_URL", "").strip(), build_date=date)

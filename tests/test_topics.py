from __future__ import annotations

from pathlib import Path

import pytest

from fazhi.model import Block, Document
from fazhi.topics import Topic, VocabError, assign_topics, load_topics, parse_topics, topic_evidence

ROOT = Path(__file__).resolve().parent.parent
VOCAB = load_topics(ROOT / "content" / "vocab" / "topics.yml")
FILLER = "本年度各项工作有序推进，干部群众满意度稳步提升。" * 8  # ~200 characters without topic terms


def doc(*paragraphs: str, heading: str | None = None) -> Document:
    blocks = [Block("heading", heading, level=2)] if heading else []
    return Document(blocks + [Block("paragraph", p) for p in paragraphs])


@pytest.mark.parametrize(
    ("document", "expected"),
    [
        (doc(FILLER), []),
        (
            doc("严格落实行政执法公示制度、执法全过程记录制度，组织执法人员培训，开展执法检查。", FILLER),
            ["行政执法"],
        ),
        (
            doc("办理行政复议案件3件，行政诉讼应诉5件，负责人出庭应诉率100%。", FILLER),
            ["复议与诉讼"],
        ),
        # one term, many times: not enough distinct evidence
        (doc("普法" * 10, FILLER), []),
        # a heading names the topic: its terms count three times
        (doc("聘请法律顾问1名。", FILLER, heading="（三）健全公共法律服务体系"), ["法律顾问"]),
        # mentioned twice in a long text: below the density threshold
        (doc("开展普法宣传活动。" + FILLER * 10), []),
    ],
)
def test_topics_follow_the_evidence_in_the_text(document: Document, expected: list[str]):
    assert assign_topics(document, VOCAB)[0] == expected


def test_longer_terms_are_not_counted_again_as_their_parts():
    topic = Topic("复议与诉讼", "x", "", ("复议", "行政复议"), min_hits=1, min_terms=1, min_per_1000=0)
    evidence = topic_evidence(doc("办理行政复议案件，复议决定"), topic)
    assert evidence.terms == {"复议": 1, "行政复议": 1}
    assert evidence.hits == 2


def test_evidence_records_counts_and_headings():
    document = doc("调解矛盾纠纷200余起，人民调解成功率98%。", heading="（四）化解矛盾纠纷")
    chosen, evidence = assign_topics(document, VOCAB)
    assert chosen == ["矛盾纠纷化解"]
    (found,) = [e for e in evidence if e.topic == "矛盾纠纷化解"]
    assert found.terms == {"矛盾纠纷": 2, "人民调解": 1, "化解": 1, "调解": 1}
    assert found.headings == ("（四）化解矛盾纠纷",)
    assert found.hits == 3 * 2 + 3  # the heading's two terms count three times each


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"topics": []}, "schema: fazhi/topics/1"),
        ({"schema": "fazhi/topics/1", "topics": []}, "non-empty list"),
        ({"schema": "fazhi/topics/1", "defaults": {"min_hit": 1}, "topics": [{}]}, "unknown defaults"),
        ({"schema": "fazhi/topics/1", "topics": [{"name": "甲", "slug": "A", "terms": ["x"]}]}, "slug"),
        ({"schema": "fazhi/topics/1", "topics": [{"name": "甲", "slug": "a", "terms": []}]}, "terms"),
        ({"schema": "fazhi/topics/1", "topics": [{"name": "甲", "slug": "a", "terms": ["x"], "colour": 1}]}, "unknown keys"),
        (
            {"schema": "fazhi/topics/1", "topics": [{"name": "甲", "slug": "a", "terms": ["x"]}] * 2},
            "share a name",
        ),
    ],
)
def test_an_invalid_vocabulary_is_refused_with_the_file_named(data: dict, message: str):
    with pytest.raises(VocabError) as err:
        parse_topics(data, "content/vocab/topics.yml")
    assert message in str(err.value)
    assert str(err.value).startswith("content/vocab/topics.yml: ")


def test_the_shipped_vocabulary_has_the_topics_the_portal_promises():
    names = [t.name for t in VOCAB]
    for name in ("行政决策", "行政执法", "复议与诉讼", "普法宣传", "矛盾纠纷化解", "法律顾问", "政务公开", "基层依法治理"):
        assert name in names

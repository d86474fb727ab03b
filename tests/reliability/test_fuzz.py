"""Property tests of the ingest path: whatever the bytes, ingest_paths never raises, every file
gets an outcome (a failure always says why), and the store stays consistent."""

from __future__ import annotations

import codecs
import os
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.db import make_engine
from app.ingest import ingest_paths
from app.migrate import upgrade

from .helpers import seed_texts, store_problems

# `make fuzz`-style longer runs: FUZZ_EXAMPLES=2000 pytest tests/reliability/test_fuzz.py
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "25"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize="FUZZ_EXAMPLES" not in os.environ,  # `make test` is repeatable
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

SEEDS = list(seed_texts().values())
TRICKY = [
    '"', "«", "»", "“", "”", "'", ":", "،", ".", "\n", "\r\n", "\r", "\t", " ", "\u00a0",
    "\u200f", "\u200e", "\u202e", "\u202d", "\u2066", "\u2067", "\u2068", "\u2069", "\ufeff",
    "\u0640", "\u064b", "\u0651", "٠١٢", "2022", "13 يناير", "كانون الثاني", "\x00", "\x1b",
    "<p>", "</p>", "<script>alert(1)</script>", "&amp;", "😀", "ـ", "قال", "وقال زاس: \"",
]  # fmt: skip
ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "cp1256", "iso8859_6", "latin-1"]


@st.composite
def mutated_article(draw) -> bytes:
    text = draw(st.sampled_from(SEEDS))
    start = draw(st.integers(0, len(text)))
    text = text[start : start + draw(st.integers(0, 1500))]
    for _ in range(draw(st.integers(0, 12))):
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(st.sampled_from(TRICKY)) + text[at + draw(st.integers(0, 3)) :]
    data = text.encode(draw(st.sampled_from(ENCODINGS)), errors="ignore")
    if draw(st.booleans()):  # truncated mid-character, or a stray byte
        cut = draw(st.integers(0, len(data)))
        data = data[:cut] + draw(st.binary(max_size=2)) + data[cut + 1 :]
    return data


def files() -> st.SearchStrategy:
    content = st.one_of(
        mutated_article(),
        st.binary(max_size=600),
        st.text(max_size=300).map(lambda t: t.encode("utf-8", errors="surrogatepass")),
        mutated_article().map(lambda b: b"<html><body><p>" + b + b"</p></body></html>"),
        st.just(codecs.BOM_UTF16_LE + b"\x00"),
    )
    suffix = st.sampled_from([".txt", ".html", ".htm"])
    return st.lists(st.tuples(content, suffix), min_size=1, max_size=4)


def test_ingest_never_raises_reports_every_file_and_keeps_the_store_consistent(tmp_path):
    url = f"sqlite:///{tmp_path / 'fuzz.db'}"
    upgrade(url)
    engine = make_engine(url)

    @FUZZ
    @given(batch=files())
    def check(batch):
        folder = Path(tempfile.mkdtemp(dir=tmp_path))
        for number, (data, suffix) in enumerate(batch):
            (folder / f"{number}{suffix}").write_bytes(data)
        outcomes = ingest_paths([folder], engine, max_bytes=4096)
        assert sorted(Path(o.path).name for o in outcomes) == sorted(
            f"{n}{suffix}" for n, (_, suffix) in enumerate(batch)
        )
        for outcome in outcomes:
            assert outcome.status in {"added", "updated", "unchanged", "failed"}
            if outcome.failed:
                assert outcome.message and "Traceback" not in outcome.message
                assert not outcome.message.startswith(("extraction failed", "could not store")), (
                    outcome.message
                )
        assert store_problems(engine) == []

    try:
        check()
    finally:
        engine.dispose()

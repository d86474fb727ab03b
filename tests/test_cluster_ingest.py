"""``ingest --cluster``: extraction on a Dask cluster, writes from this process, same results.

One ``LocalCluster`` with two worker processes serves the module (``xdist_group``: one pytest
worker runs these tests, so one cluster starts). The reference is always a local ingest into
SQLite of the same folder: a cluster ingest must give the same export (ids, offsets, dates) and
the same report, also when a worker dies mid-batch (the scheduler reruns its tasks) and when
PostgreSQL restarts or goes away mid-ingest (the writer reconnects, or stops with a clear
message; a re-run completes). The PostgreSQL that is restarted is this module's own throwaway
cluster (``.ci/start-postgres`` with another PGDATA and PGPORT), never the shared test server.
"""

from __future__ import annotations

import glob
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import threading
import time
from pathlib import Path

import _postgres
import pytest
from reliability.helpers import context_free_events, events_by_article, snapshot, store_problems
from sqlalchemy import text
from sqlmodel import Session

from app.cli import main
from app.db import make_engine
from app.export import export_records
from app.ingest import ingest_paths
from app.ingest_writer import DatabaseUnavailable
from app.migrate import upgrade
from bench.corpus import write_corpus

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
pytestmark = [pytest.mark.cluster, pytest.mark.xdist_group("dask-cluster")]


@pytest.fixture(scope="module")
def cluster():
    distributed = pytest.importorskip("distributed")
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as local,
        distributed.Client(local) as client,
    ):
        yield local.scheduler_address, client


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """The seeds, 200 generated articles and one file that is not an article."""
    folder = tmp_path_factory.mktemp("corpus")
    for seed in SEEDS.glob("*.txt"):
        shutil.copy(seed, folder / seed.name)
    generated, _ = write_corpus(tmp_path_factory.mktemp("generated"), 200)
    for path in generated.glob("*.txt"):
        shutil.copy(path, folder / path.name)
    (folder / "zz_binary.txt").write_bytes(b"\x00\x01 not an article")
    return folder


@pytest.fixture(scope="module")
def small_corpus(corpus, tmp_path_factory) -> Path:
    """60 of those articles, for the failure scenarios."""
    folder = tmp_path_factory.mktemp("small")
    for path in sorted(corpus.glob("*.txt"))[:60]:
        shutil.copy(path, folder / path.name)
    return folder


def _sqlite(tmp_path: Path, name: str) -> str:
    url = f"sqlite:///{tmp_path / name}"
    upgrade(url)
    return url


def _export(url: str) -> list[dict]:
    engine = make_engine(url)
    with Session(engine) as session:
        records = list(export_records(session))
    engine.dispose()
    return records


def _cli(capsys, *args: str) -> tuple[int, list[str]]:
    code = main(list(args))
    return code, capsys.readouterr().err.splitlines()


@pytest.fixture(scope="module")
def small_store(small_corpus, tmp_path_factory) -> str:
    """The small corpus ingested locally into SQLite: the reference of the failure tests."""
    url = _sqlite(tmp_path_factory.mktemp("ref"), "ref.db")
    outcomes = ingest_paths([small_corpus], make_engine(url), max_bytes=2**21)
    assert {o.status for o in outcomes} == {"added"}
    return url


@pytest.fixture(scope="module")
def small_reference(small_store) -> list[dict]:
    return _export(small_store)


@pytest.fixture
def pg_url(request) -> str:
    """A fresh migrated database on the shared PostgreSQL test server."""
    _postgres.server_url()  # skips, with the reason, when TEST_POSTGRES_URL is unset
    name, url = request.getfixturevalue("_pg_template").copy()
    yield url
    _postgres.drop_database(name)


@pytest.mark.postgres
def test_a_cluster_ingest_into_postgres_equals_a_local_ingest_into_sqlite(
    capsys, cluster, corpus, tmp_path, pg_url
):
    db_url = pg_url
    address, _ = cluster
    local = _sqlite(tmp_path, "local.db")
    local_code, local_lines = _cli(capsys, "--db", local, "ingest", str(corpus))
    code, lines = _cli(capsys, "--db", db_url, "ingest", "--cluster", address, str(corpus))
    assert (code, local_code) == (1, 1)  # the binary file fails alone, in both
    # the same outcome line per file and the same summary (the order of the lines differs as
    # the work's timing does: a failure is listed when read, an article when stored)
    assert sorted(_outcome_lines(lines)) == sorted(_outcome_lines(local_lines))
    assert lines[-1] == local_lines[-1]
    assert lines[-1] == "ingest: 206 files: 205 added, 1 failed"
    exported = _export(db_url)
    assert len(exported) > 2000
    assert exported == _export(local)  # ids, offsets, dates, speakers, countries, quotes


def test_a_worker_killed_mid_batch_is_rerun_and_nothing_is_lost_or_doubled(
    cluster, small_corpus, small_reference, tmp_path
):
    address, client = cluster
    url = _sqlite(tmp_path, "killed.db")
    engine = make_engine(url)
    result: dict = {}

    def run() -> None:
        result["outcomes"] = ingest_paths(
            [small_corpus], engine, max_bytes=2**21, cluster=address, batch_size=5
        )

    worker = threading.Thread(target=run)
    worker.start()
    killed = None
    while worker.is_alive() and killed is None:
        if _count(engine, "article") >= 5:  # the first batch is stored: kill a worker now
            killed = next(iter(client.run(os.getpid).values()))
            os.kill(killed, signal.SIGKILL)
        time.sleep(0.02)
    worker.join(timeout=300)
    assert killed is not None, "the ingest ended before a worker could be killed"
    outcomes = result["outcomes"]
    assert sorted(Path(o.path).name for o in outcomes) == sorted(
        p.name for p in small_corpus.glob("*.txt")
    )  # one outcome per file: nothing lost, nothing twice
    assert {o.status for o in outcomes} == {"added"}
    assert _export(url) == small_reference


@pytest.fixture
def own_postgres():
    """A throwaway PostgreSQL cluster of this test alone (it gets restarted and stopped)."""
    bins = sorted(glob.glob("/usr/lib/postgresql/*/bin"))
    if not bins and shutil.which("pg_ctl") is None:
        pytest.skip("PostgreSQL server binaries are not installed (.ci/start-postgres does that)")
    pg_ctl = f"{bins[-1]}/pg_ctl" if bins else shutil.which("pg_ctl")
    parent = tempfile.mkdtemp(prefix="csto-own-pg-")
    os.chmod(parent, 0o755)  # the postgres user runs the server when we are root
    data = f"{parent}/data"
    env = {**os.environ, "PGDATA": data, "PGPORT": str(_free_port())}
    start = [str(ROOT / ".ci" / "start-postgres")]
    url = subprocess.run(start, env=env, check=True, capture_output=True, text=True).stdout
    as_owner = ["runuser", "-u", "postgres", "--"] if os.getuid() == 0 else []

    def control(*args: str) -> None:
        # no pipes: a server started by pg_ctl would hold them open (its log is a file)
        command = [*as_owner, pg_ctl, "-D", data, *args]
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    server = {
        "url": url.strip(),
        "restart": lambda: control("restart", "-m", "fast", "-w", "-l", f"{data}/server.log"),
        "stop": lambda: control("stop", "-m", "fast", "-w"),
        "start": lambda: subprocess.run(
            start, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        ),
    }
    try:
        yield server
    finally:
        subprocess.run(
            [*as_owner, pg_ctl, "-D", data, "stop", "-m", "immediate"],
            check=False,
            capture_output=True,
        )
        shutil.rmtree(parent, ignore_errors=True)


def test_postgres_restarted_mid_ingest_reconnects_or_stops_clearly_and_a_rerun_completes(
    cluster, small_corpus, small_store, small_reference, own_postgres
):
    address, _ = cluster
    url = own_postgres["url"]
    upgrade(url)
    engine = make_engine(url)

    # a restart (about a second down): the writer reconnects and the ingest completes
    outcomes = _ingest_while(engine, small_corpus, address, own_postgres["restart"], 60)
    assert {o.status for o in outcomes} == {"added"} and len(outcomes) == 60
    assert _export(url) == small_reference

    # a longer outage: the ingest stops with a clear message, the store stays consistent
    # (a second, empty database on the same server: stories and counts start afresh)
    engine.dispose()
    url = _second_database(url, "csto_outage")
    upgrade(url)
    engine = make_engine(url)
    with pytest.raises(DatabaseUnavailable, match="the database stopped answering for over 2 s"):
        _ingest_while(engine, small_corpus, address, own_postgres["stop"], 2)
    own_postgres["start"]()
    engine.dispose()
    # every article fully stored or absent: its final events, or (awaiting the context pass)
    # those of its extraction without the context
    assert store_problems(engine) == []
    partial = snapshot(engine)
    assert 5 <= len(partial) < 60  # the batches stored before the outage
    reference = events_by_article(make_engine(small_store))
    context_free = context_free_events(small_corpus)
    for article_id, (pending, event_ids) in partial.items():
        assert event_ids == (context_free if pending else reference)[article_id], article_id

    # the same batch again completes it
    outcomes = ingest_paths([small_corpus], engine, max_bytes=2**21, cluster=address)
    assert not [o for o in outcomes if o.failed]
    assert _export(url) == small_reference
    engine.dispose()


def _ingest_while(engine, folder: Path, address: str, interrupt, reconnect_seconds: float):
    """Ingest ``folder`` (batches of 5) and call ``interrupt`` once the first batch is stored."""
    result: dict = {}

    def run() -> None:
        try:
            result["outcomes"] = ingest_paths(
                [folder],
                engine,
                max_bytes=2**21,
                cluster=address,
                batch_size=5,
                reconnect_seconds=reconnect_seconds,
            )
        except Exception as error:
            result["error"] = error

    worker = threading.Thread(target=run)
    worker.start()
    interrupted = False
    while worker.is_alive() and not interrupted:
        try:
            if _count(engine, "article") >= 5:
                interrupt()
                interrupted = True
        except Exception:
            pass
        time.sleep(0.02)
    worker.join(timeout=300)
    assert interrupted, "the ingest ended before the database could be interrupted"
    if "error" in result:
        raise result["error"]
    return result["outcomes"]


def _second_database(url: str, name: str) -> str:
    """A new empty database beside ``url``'s, on the same server; its URL."""
    from sqlalchemy import create_engine
    from sqlalchemy.engine import make_url

    from app.db import normalize_url

    admin = create_engine(normalize_url(url), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return make_url(normalize_url(url)).set(database=name).render_as_string(hide_password=False)


def _outcome_lines(lines: list[str]) -> list[str]:
    return [line for line in lines if not line.startswith("reading and extracting")]


def _count(engine, table: str) -> int:
    with engine.connect() as connection:
        return connection.execute(text(f"SELECT count(*) FROM {table}")).scalar_one()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]

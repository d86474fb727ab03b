"""Driver-level bulk statements for the stories' writes (SQLite and PostgreSQL alike)."""

from __future__ import annotations

from sqlalchemy.engine import Connection


def driver_many(connection: Connection, sql: str, rows: list[tuple]) -> None:
    """``sql`` (with ``?`` placeholders) for each row, as one driver-level executemany: a
    batch's thousands of band, event and count rows skip SQLAlchemy's per-row parameter
    handling."""
    if not rows:
        return
    if connection.dialect.paramstyle != "qmark":
        sql = sql.replace("?", "%s")
    connection.exec_driver_sql(sql, rows)

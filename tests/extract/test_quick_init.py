"""quick_init: the same instances as the dataclass's own __init__, frozen all the same."""

from __future__ import annotations

import dataclasses
import pickle

import pytest

from app.extract.dates import TimeExpr
from app.extract.frozen import quick_init
from app.extract.model import DateValue, ExtractedEvent, Span


@dataclasses.dataclass(frozen=True)
class Plain:
    a: int
    b: str = "x"
    c: tuple = ()
    d: int | None = dataclasses.field(default=None, compare=False)
    e: int = dataclasses.field(default=0, kw_only=True)


Quick = quick_init(dataclasses.make_dataclass("Quick", [], bases=(Plain,), frozen=True))


def test_same_instance_as_the_generated_init():
    for args, kwargs in [((1,), {}), ((1, "y", (2,), 4), {"e": 5}), ((), {"a": 1, "c": (3,)})]:
        plain, quick = Plain(*args, **kwargs), Quick(*args, **kwargs)
        assert vars(quick) == vars(plain) and list(vars(quick)) == list(vars(plain))
        assert repr(quick).removeprefix("Quick") == repr(plain).removeprefix("Plain")
        assert hash(quick) == hash(plain)


def test_same_errors_and_still_frozen():
    with pytest.raises(TypeError):
        Quick()  # a required field missing
    with pytest.raises(TypeError):
        Quick(1, "y", (), None, 5)  # e is keyword-only
    with pytest.raises(TypeError):
        Quick(1, z=2)
    with pytest.raises(dataclasses.FrozenInstanceError):
        Quick(1).a = 2


def test_refuses_what_it_cannot_copy():
    @dataclasses.dataclass(frozen=True)
    class WithFactory:
        a: list = dataclasses.field(default_factory=list)

    @dataclasses.dataclass
    class NotFrozen:
        a: int

    for cls in (WithFactory, NotFrozen):
        with pytest.raises(TypeError):
            quick_init(cls)


def test_extractor_values_behave_as_before():
    expr = TimeExpr(start=1, end=5, kind="dmy", year=2022, month=1, day=13, text="13 يناير")
    assert expr.offset == 0 and expr.direction is None and expr.full
    assert dataclasses.replace(expr, year=None) == TimeExpr(
        1, 5, "dmy", None, 1, 13, text="13 يناير"
    )
    event = ExtractedEvent(
        "statement",
        0,
        3,
        "قال",
        DateValue("2022-01-13", "day", "explicit"),
        quotes=(Span(0, 3, "قال"),),
    )
    assert pickle.loads(pickle.dumps(event)) == event
    assert type(event).__init__.__qualname__ == "ExtractedEvent.__init__"

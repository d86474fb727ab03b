"""schemathesis against /openapi.json (in-process): no operation answers 5xx, whatever the input.
`make schemathesis` runs the longer version (every phase) against a real server."""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error

from app.web.main import create_app

EXAMPLES = 10  # per operation and mode: bounded, so `make test` stays quick


@pytest.fixture(scope="module")
def api_schema(hostile_site):
    _, engine = hostile_site
    return schemathesis.openapi.from_asgi("/openapi.json", create_app(engine))


def operations(schema) -> list:
    return [result.ok() for result in schema.get_all_operations()]


@pytest.mark.parametrize("mode", ["positive", "negative"])
def test_no_operation_answers_5xx(api_schema, mode):
    generation_mode = schemathesis.GenerationMode(mode)
    tested, calls = 0, []
    for operation in operations(api_schema):

        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            derandomize=True,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        @given(case=operation.as_strategy(generation_mode=generation_mode))
        def check(case):
            response = case.call()
            calls.append(response.status_code)
            case.validate_response(response, checks=[not_a_server_error])

        try:
            check()
        except Exception as error:
            if "Unsatisfiable" in type(error).__name__ and mode == "negative":
                continue  # an operation with nothing to negate
            raise
        tested += 1
    # every operation in positive mode; those with something to violate in negative mode
    assert tested >= (8 if mode == "positive" else 1)
    assert calls and max(calls) < 500
    print(f"{mode}: {tested} operations, {len(calls)} calls, statuses {sorted(set(calls))}")

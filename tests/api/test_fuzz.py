"""Schemathesis over the whole OpenAPI schema, in process (ASGI), on a database with data.

Every operation gets a bounded, derandomized set of generated requests (valid and invalid):
no server error, every response valid against the schema, with the documented content type."""

import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from app.main import create_app
from tests.factories import World

EXAMPLES_PER_OPERATION = 25

schema = schemathesis.openapi.from_asgi("/openapi.json", create_app())


@schema.parametrize()
@settings(
    max_examples=EXAMPLES_PER_OPERATION,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=list(HealthCheck),
)
def test_every_operation_answers_within_its_schema(case: schemathesis.Case, world: World) -> None:
    response = case.call_and_validate(
        checks=[
            not_a_server_error,
            response_schema_conformance,
            content_type_conformance,
            status_code_conformance,
        ]
    )
    assert response.status_code < 500
    assert "Traceback" not in response.text
    assert 'File "' not in response.text  # no stack frame

"""Schemathesis against our own OpenAPI schema, with a valid token: no input may cause a server error.

Bounded (a few dozen examples per operation) so it runs in seconds; `SCHEMATHESIS_EXAMPLES=500` digs deeper.
"""

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from rest_framework_simplejwt.tokens import AccessToken
from schemathesis.checks import not_a_server_error

from api.client.transport import InProcessHandler
from api.services import catalog_seed, demo_user_ensure
from config.env import env_int

pytestmark = pytest.mark.postgres

# The in-process handler (what the shop itself calls), not Django's WSGIHandler: its request_finished signal would
# close the test's database connection (and transaction) after the first call.
schema = schemathesis.openapi.from_wsgi("/api/schema/", InProcessHandler("api.in_process_urls"))
EXAMPLES = env_int("SCHEMATHESIS_EXAMPLES", 30)
# One test per operation, parametrized by pytest itself: each has its own test id ("POST /api/orders/"), so
# pytest-xdist can send each to a worker (schemathesis's own parametrization gives all of them one id).
OPERATIONS = [result.ok() for result in schema.get_all_operations()]


@pytest.fixture
def bearer(db: None) -> dict[str, str]:
    catalog_seed(count=24)
    return {"Authorization": f"Bearer {AccessToken.for_user(demo_user_ensure())}"}


@pytest.mark.parametrize("operation", OPERATIONS, ids=[operation.label for operation in OPERATIONS])
def test_no_input_makes_the_api_fail(operation: schemathesis.APIOperation, bearer: dict[str, str]) -> None:
    @given(case=operation.as_strategy())
    @settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
    def call(case: schemathesis.Case) -> None:
        case.call_and_validate(headers=bearer, checks=[not_a_server_error])

    call()


def test_every_operation_of_the_schema_is_fuzzed() -> None:
    assert {operation.label for operation in OPERATIONS} >= {
        "GET /api/products/",
        "POST /api/orders/",
        "POST /api/token/",
    }

"""Tests of the request context (federation/context.py): the cross-app contract a request carries, beside the
host's own state (host/state.py), the only two places that set an attribute on a request."""

import ast
from dataclasses import fields
from itertools import pairwise
from pathlib import Path
from types import ModuleType

import pytest
from django.test import RequestFactory

from federation import context as context_module
from federation.context import ATTRIBUTE, RequestContext, RequestContextMiddleware, request_context
from host import state as state_module
from host.state import HostState, host_state

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("host", "apps", "api", "shared_store", "federation", "config", "monolith")
# Attributes Django itself defines on a request, which code may legitimately replace.
DJANGOS_OWN = {"session", "urlconf", "csrf_processing_done", "COOKIES", "META", "user"}
REQUEST_NAMES = {"request", "req", "request_", "self.request"}


def attributes_set_on_requests(source: str) -> list[str]:
    """`request.<name> = …` and `setattr(request, …)` in `source`, as "<name>"."""
    found = []
    for node in ast.walk(ast.parse(source)):
        targets = []
        if isinstance(node, ast.Assign):
            targets = node.targets
        elif isinstance(node, ast.AugAssign | ast.AnnAssign):
            targets = [node.target]
        for target in targets:
            for each in target.elts if isinstance(target, ast.Tuple) else [target]:
                if isinstance(each, ast.Attribute) and ast.unparse(each.value) in REQUEST_NAMES:
                    found.append(each.attr)
        is_setattr = isinstance(node, ast.Call) and ast.unparse(node.func) == "setattr" and node.args
        if is_setattr and ast.unparse(node.args[0]) in REQUEST_NAMES:
            found.append(ast.unparse(node.args[1]))
    return found


OWNERS = {Path(context_module.__file__), Path(state_module.__file__)}


def test_no_code_sets_an_attribute_on_a_request_outside_the_context_and_the_hosts_state() -> None:
    offenders = {}
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            if path in OWNERS or "migrations" in path.parts:
                continue
            set_here = [name for name in attributes_set_on_requests(path.read_text()) if name not in DJANGOS_OWN]
            if set_here:
                offenders[str(path.relative_to(ROOT))] = set_here
    assert offenders == {}


def test_the_check_finds_what_it_looks_for() -> None:
    source = "request.federation_props = {}\nsetattr(request, 'store', 1)\nrequest.session = s\nother.x = 1"
    assert sorted(attributes_set_on_requests(source)) == ["'store'", "federation_props", "session"]


@pytest.mark.parametrize(("module", "dataclass_"), [(context_module, RequestContext), (state_module, HostState)])
def test_every_field_is_declared_with_a_type_and_a_docstring(module: ModuleType, dataclass_: type) -> None:
    tree = ast.parse(Path(str(module.__file__)).read_text())
    body = next(n for n in tree.body if isinstance(n, ast.ClassDef) and n.name == dataclass_.__name__).body
    documented = {
        statement.target.id
        for statement, following in pairwise(body)
        if isinstance(statement, ast.AnnAssign)
        and isinstance(following, ast.Expr)
        and isinstance(following.value, ast.Constant)
        and isinstance(statement.target, ast.Name)
    }
    assert documented == {f.name for f in fields(dataclass_)}


def test_the_contract_holds_only_what_crosses_between_apps() -> None:
    """Issue 29.1: 18 fields from 7 concerns; the host's own state is the host's, and no name is in both."""
    assert {f.name for f in fields(RequestContext)} == {"props", "forwarded", "events", "store", "api_client"}
    assert not {f.name for f in fields(RequestContext)} & {f.name for f in fields(HostState)}


def test_the_hosts_state_is_one_per_request_and_apart_from_the_contract(rf: RequestFactory) -> None:
    request = rf.get("/")
    host_state(request).dirty.add("host/CheckoutSummary")
    assert host_state(request) is host_state(request)
    assert host_state(rf.get("/")).dirty == set()
    assert not hasattr(request_context(request), "dirty")


def test_the_middleware_gives_every_request_one_context(rf: RequestFactory) -> None:
    request = rf.get("/")
    seen = []
    RequestContextMiddleware(lambda r: seen.append(request_context(r)))(request)
    assert seen == [getattr(request, ATTRIBUTE)]
    assert request_context(request) is seen[0]


def test_a_request_made_without_the_middleware_gets_one_on_first_use(rf: RequestFactory) -> None:
    request = rf.get("/")
    assert ATTRIBUTE not in request.__dict__
    request_context(request).events.append(("host:page-view", {"path": "/"}))
    assert request_context(request).events == [("host:page-view", {"path": "/"})]
    assert request_context(rf.get("/")).events == []  # one per request, never shared

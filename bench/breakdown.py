"""Where a page's time goes: each page of both shops sampled with pyinstrument, its time split into parts.

The split walks pyinstrument's call tree and gives each sample to the innermost part it is in (a database query
made by the API inside a component counts as "database", not as the component). `--profile DIR` also writes each
profile as pyinstrument's HTML flame view, to open in a browser.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from pages import Visitors, pairs

# Parts in the order the report lists them; "component: <remote>/<name>" rows are added where they occur.
MIDDLEWARE = "middleware (both shops' chain)"
VIEW = "view (the page's own code)"
PAGE_TEMPLATE = "page template (layout)"
MOUNTING = "mounting (props, mount point)"
STORE = "store and session (load, save)"
API_CLIENT = "API in process: request building (client, httpx)"
API_DISPATCH = "API in process: DRF dispatch"
API_SERIALIZE = "API in process: serialization"
API_ENCODE = "API in process: JSON encode"
API_DECODE = "API in process: JSON decode"
OUT_OF_BAND = "out-of-band work"
DATABASE = "database queries"
REST = "the rest (test client, request setup)"
ORDER = [
    MIDDLEWARE,
    VIEW,
    PAGE_TEMPLATE,
    MOUNTING,
    STORE,
    API_CLIENT,
    API_DISPATCH,
    API_SERIALIZE,
    API_ENCODE,
    API_DECODE,
    OUT_OF_BAND,
    DATABASE,
    REST,
]

_COMPONENT_FILE = re.compile(r"(?:^|/)(?:apps/(?P<remote>\w+)|(?P<host>host))/components\.py$")


@dataclass(frozen=True)
class Rule:
    """A frame whose file path ends with `path` (and whose function is `function`, if given) starts `part`."""

    path: str
    part: str | Callable[[str, str], str]
    function: str | None = None
    inside: str | None = None
    """Only when the frame is already within this part."""

    def matches(self, file_path: str, function: str, current: str) -> bool:
        return (
            file_path.endswith(self.path)
            and (self.function is None or function == self.function)
            and (self.inside is None or current == self.inside)
        )


RULES = [
    Rule("django/core/handlers/base.py", MIDDLEWARE, "get_response"),
    Rule("django/core/handlers/base.py", VIEW, "_get_response"),
    Rule("django/template/loader.py", PAGE_TEMPLATE, inside=VIEW),
    Rule("django/shortcuts.py", PAGE_TEMPLATE, "render", inside=VIEW),
    Rule("host/mount.py", MOUNTING, "mount"),
    Rule("shared_store/store.py", STORE),
    Rule("shared_store/__init__.py", STORE),
    Rule("django/contrib/sessions/backends/base.py", STORE),
    Rule("django/contrib/sessions/backends/db.py", STORE),
    Rule("django/contrib/sessions/backends/cached_db.py", STORE),
    Rule("api/client/client.py", API_CLIENT, "request_json"),
    Rule("rest_framework/views.py", API_DISPATCH, "dispatch"),
    Rule("rest_framework/serializers.py", API_SERIALIZE),
    Rule("rest_framework/renderers.py", API_ENCODE, "render"),
    Rule("httpx/_models.py", API_DECODE, "json"),
    Rule("federation/htmx.py", OUT_OF_BAND, "append_out_of_band"),
    Rule("django/db/backends/utils.py", DATABASE, "execute"),
]


def part_of(file_path: str, function: str, current: str) -> str:
    """The part a frame's time belongs to, given the part its caller's time belongs to."""
    if (match := _COMPONENT_FILE.search(file_path)) and not function.startswith("_"):
        return f"component: {match['remote'] or match['host']}/{function}"
    for rule in RULES:
        if rule.matches(file_path, function, current):
            return rule.part if isinstance(rule.part, str) else rule.part(file_path, function)
    return current


def split(root: object, requests: int) -> dict[str, float]:
    """Milliseconds per request in each part, from a pyinstrument root frame covering `requests` requests."""
    totals: dict[str, float] = {}
    stack = [(root, REST)]
    while stack:
        frame, current = stack.pop()
        part = part_of(frame.file_path or "", frame.function, current)  # type: ignore[attr-defined]
        children = [child for child in frame.children if not child.is_synthetic]  # type: ignore[attr-defined]
        self_time = frame.time - sum(child.time for child in children)  # type: ignore[attr-defined]
        totals[part] = totals.get(part, 0.0) + self_time
        stack += [(child, part) for child in children]
    return {part: seconds * 1000 / requests for part, seconds in totals.items()}


@dataclass(frozen=True)
class PageProfile:
    name: str
    composed: dict[str, float]
    monolith: dict[str, float]

    def parts(self) -> list[str]:
        """Every part either shop spent time in, in report order, components after mounting."""
        seen = set(self.composed) | set(self.monolith)
        components = sorted(part for part in seen if part.startswith("component: "))
        ordered = [part for part in ORDER if part in seen]
        at = ordered.index(MOUNTING) + 1 if MOUNTING in ordered else len(ordered)
        return ordered[:at] + components + ordered[at:]


def profile(visitors: Visitors, *, rounds: int, warmup: int, flame_dir: Path | None = None) -> list[PageProfile]:
    """Each page of both shops, `rounds` requests sampled after `warmup`; flame views in `flame_dir` if given."""
    from pyinstrument import Profiler

    results = []
    for pair in pairs():
        measured = {}
        for shop, path in (("composed", pair.composed), ("monolith", pair.monolith)):
            for _ in range(warmup):
                visitors.get(shop, path)
            profiler = Profiler(interval=0.001)
            with profiler:
                for _ in range(rounds):
                    visitors.get(shop, path)
            session = profiler.last_session
            assert session is not None
            measured[shop] = split(session.root_frame(), rounds)
            if flame_dir is not None:
                flame_dir.mkdir(parents=True, exist_ok=True)
                name = f"{pair.name.replace(' ', '-')}-{shop}.html"
                (flame_dir / name).write_text(profiler.output_html())
        results.append(PageProfile(pair.name, measured["composed"], measured["monolith"]))
    return results

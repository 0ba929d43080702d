"""`manage.py startremote NAME`: a new remote under apps/NAME, its tests, and its line in the host's settings.

Django's `startapp` machinery does the copying: host/remote_template/remote becomes apps/NAME and
host/remote_template/tests becomes tests/apps/NAME (`remote_name` in a path, and `{{ remote_name }}`,
`{{ camel_case_remote_name }}` and `{{ title }}` in a file, become the new remote's; `.py-tpl` become `.py`).
"""

import ast
import keyword
import os
import re
from argparse import ArgumentParser
from importlib.util import find_spec
from pathlib import Path
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.management.base import CommandError
from django.core.management.templates import TemplateCommand

from host.registry import federation_settings

TEMPLATES = Path(__file__).resolve().parents[2] / "remote_template"
# The list in the host's settings that names the mounted remotes, one per line.
MOUNTED = "MOUNTED_REMOTES"
NAME_PATTERN = re.compile(r"[a-z][a-z0-9_]*")


class Command(TemplateCommand):
    help = "Create a remote under apps/NAME with its tests under tests/apps/NAME, and mount it in the host."
    missing_args_message = "Give the new remote's name, e.g. `manage.py startremote wishlist`."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("name", help="The remote's name: its package under apps/, its app label, its URL prefix.")

    def handle(self, *args: Any, **options: Any) -> None:
        name: str = options.pop("name")
        root = Path(settings.BASE_DIR)
        remote_refusal(name, root)
        settings_file = host_settings_file()
        mounted = with_remote_mounted(settings_file.read_text(), name)  # refuses before anything is written
        context = {"title": name.replace("_", " ").capitalize(), "extensions": ["py", "html", "css"], "files": []}
        for template, target in (("remote", root / "apps" / name), ("tests", root / "tests" / "apps" / name)):
            super().handle("remote", name, str(target), template=str(TEMPLATES / template), **context, **options)
        settings_file.write_text(mounted)
        shown = settings_file.relative_to(root) if settings_file.is_relative_to(root) else settings_file
        self.stdout.write(
            f"Created apps/{name}/ (the remote) and tests/apps/{name}/ (its tests).\n"
            f'Mounted it: {shown} lists "{name}" in {MOUNTED}.\n'
            f'Next: show it on a host page with {{% mount "{name}/{camel_case(name)}" %}}, then run\n'
            f"  uv run python manage.py check && uv run lint-imports && uv run pytest tests/apps/{name}"
        )


def camel_case(name: str) -> str:
    """The remote's name as its classes spell it, the way `startapp` does: "gift_cards" → "GiftCards"."""
    return "".join(part for part in name.title() if part != "_")


def host_settings_file() -> Path:
    """The source file of the settings this command runs with (the host's, which list the mounted remotes)."""
    # Tests wrap the settings (override_settings), and the wrapper does not know the module: the environment does.
    module = settings.SETTINGS_MODULE or os.environ.get("DJANGO_SETTINGS_MODULE", "")
    spec = find_spec(module) if module else None
    if spec is None or spec.origin is None:
        raise CommandError("Run startremote with the host's settings: they list the remotes it mounts.")
    return Path(spec.origin)


def remote_refusal(name: str, root: Path) -> None:
    """Raise CommandError unless `name` can be a new remote: a fresh identifier that nothing else uses."""
    if not NAME_PATTERN.fullmatch(name) or keyword.iskeyword(name):
        raise CommandError(
            f"{name!r} is not a remote name: use lowercase letters, digits and underscores, starting with a letter "
            "(it becomes a Python package, an app label and a URL prefix)."
        )
    if name in federation_settings.REMOTES:
        raise CommandError(f"The host already mounts a remote named {name!r}.")
    if name in apps.app_configs:
        raise CommandError(f"{name!r} is already the label of an installed app ({apps.app_configs[name].name}).")
    if find_spec(name) is not None:
        raise CommandError(f"{name!r} is the name of an existing Python module; pick another name.")
    for taken in (root / "apps" / name, root / "tests" / "apps" / name):
        if taken.exists():
            raise CommandError(f"{taken.relative_to(root)} already exists.")


def with_remote_mounted(source: str, name: str) -> str:
    """The host's settings `source` with `name` added on a line of its own at the end of its MOUNTED_REMOTES."""
    lines = source.splitlines(keepends=True)
    for node in ast.parse(source).body:
        if not (
            isinstance(node, ast.Assign)
            and [getattr(target, "id", None) for target in node.targets] == [MOUNTED]
            and isinstance(node.value, ast.List | ast.Tuple)
            and node.value.elts
        ):
            continue
        last, end = node.value.elts[-1], node.value.end_lineno or 0
        # One name per line, the last with its comma and the bracket alone after it: a line added there is
        # one more item (without the comma, Python would glue the two strings into one).
        one_per_line = lines[last.lineno - 1][last.end_col_offset :].strip() == "," and last.end_lineno == end - 1
        if one_per_line and lines[end - 1].strip() in {"]", ")"}:
            indent = lines[last.lineno - 1][: last.col_offset]
            return "".join([*lines[: end - 1], f'{indent}"{name}",\n', *lines[end - 1 :]])
    raise CommandError(
        f"The host's settings have no {MOUNTED} list with one remote per line (each followed by a comma); "
        f'add "{name}" to the remotes it mounts by hand.'
    )

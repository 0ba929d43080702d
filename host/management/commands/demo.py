"""`manage.py demo`: migrate, seed the demo catalogs, and serve the shop at http://127.0.0.1:8000.

`manage.py demo --split` serves the same shop split as it is deployed: the host and each remote on a server
of its own (runserver, in development), run together by honcho with one prefixed log, all stopped by Ctrl-C.
"""

import os
import shlex
import sys
from dataclasses import dataclass, field

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from honcho.manager import Manager

DEFAULT_ADDRESS = "127.0.0.1:8000"


class Command(BaseCommand):
    help = "Prepare the database with demo data and start the development server (default 127.0.0.1:8000)."
    # Not here: in the autoreloader's child a failed check would end the process, and the server with it.
    # `migrate` checks on the first start; `runserver` checks after every reload, reports an error and keeps
    # watching the files, so the demo comes back by itself once the learner undoes an exercise.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("addrport", nargs="?", default=DEFAULT_ADDRESS, help="Where to listen.")
        parser.add_argument(
            "--split",
            action="store_true",
            help="Serve each remote from a server of its own, on the ports after the host's, as the shop is "
            "deployed; one log for all of them, and Ctrl-C stops them all.",
        )

    def handle(self, *args: object, addrport: str, split: bool, **options: object) -> None:
        if split:
            prepare(verbosity=1)
            servers = split_servers(addrport)
            self.stdout.write("The shop, split: each part on a server of its own (Ctrl-C stops them all).")
            for server in servers:
                opened = "  <- open this one: the host mounts the others" if server.name == "host" else ""
                self.stdout.write(f"- {server.name}: http://{server.address}/{opened}")
            self.stdout.flush()
            sys.exit(run_together(servers))
        # The autoreloader re-runs this command in a child process (RUN_MAIN=true): set up only once.
        if os.environ.get("RUN_MAIN") != "true":
            prepare(verbosity=1)
        call_command("runserver", addrport, skip_checks=False)  # call_command skips them unless told


def prepare(*, verbosity: int) -> None:
    """Migrate, seed both catalogs and make the demo account: idempotent, as the demo runs it on every start."""
    call_command("migrate", interactive=False, verbosity=verbosity)
    call_command("seed_catalog", verbosity=verbosity)
    call_command("create_demo_user", verbosity=verbosity)
    if settings.MONOLITH["ENABLED"]:
        call_command("loaddata", "monolith_catalog", verbosity=verbosity)  # the same catalog before the split


@dataclass(frozen=True)
class Server:
    """One server of the split shop: its name in the log, where it listens, and how it is started."""

    name: str
    address: str
    environment: dict[str, str] = field(default_factory=dict)
    settings_module: str | None = None

    def command(self) -> str:
        command = [sys.executable, "manage.py", "runserver", self.address]
        if self.settings_module:
            command.append(f"--settings={self.settings_module}")
        return shlex.join(command)


def split_servers(addrport: str) -> list[Server]:
    """The host at `addrport` and each mounted remote on the next port, as the README's commands start them:
    the remotes with DEBUG=1 (development on this machine, the public development key), the host with the
    REMOTE_<NAME>_URL of each."""
    host, _, port = addrport.rpartition(":")
    if not port.isdigit():
        raise CommandError(f"{addrport!r} is not an address and port, such as {DEFAULT_ADDRESS}.")
    host = host or "127.0.0.1"
    reach = "127.0.0.1" if host in {"0.0.0.0", "[::]"} else host  # where the host process finds the remotes
    remotes = [
        Server(
            name=name,
            address=f"{host}:{int(port) + offset}",
            environment={"REMOTE_APP": spec["APP"], "DEBUG": "1"},
            settings_module="federation.served_settings",
        )
        for offset, (name, spec) in enumerate(settings.FEDERATION["REMOTES"].items(), start=1)
    ]
    urls = {f"REMOTE_{r.name.upper()}_URL": f"http://{reach}:{r.address.rpartition(':')[2]}" for r in remotes}
    return [Server(name="host", address=f"{host}:{port}", environment=urls), *remotes]


def run_together(servers: list[Server]) -> int:
    """Run every server with honcho until one stops or Ctrl-C; its exit status."""
    manager = Manager()
    # Each server's environment is this one's and its own, never what tells one server which remote it is.
    inherited = {key: value for key, value in os.environ.items() if not _says_which_remote(key)}
    for server in servers:
        environment = {**inherited, **server.environment}
        manager.add_process(server.name, server.command(), env=environment, cwd=str(settings.BASE_DIR))
    manager.loop()
    return manager.returncode or 0


def _says_which_remote(variable: str) -> bool:
    return variable in {"REMOTE_APP", "RUN_MAIN"} or (variable.startswith("REMOTE_") and variable.endswith("_URL"))

"""The ``smartresearch`` command: ``data list | verify | build [NAMES] | info NAME``, ``report``
and ``profile ISO3``.

Errors the toolkit raises on purpose (:class:`SmartResearchError`) are printed as one clear
message with a non-zero exit status, never as a traceback: they are about the user's data or
setup, not about our code. Heavy imports happen inside the commands, so ``--help`` is instant.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from smartresearch._progress import progress_bar
from smartresearch.errors import SmartResearchError

if TYPE_CHECKING:
    from rich.console import Console

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_INTERRUPTED = 130


def _console(stderr: bool = False) -> Console:
    from rich.console import Console

    return Console(stderr=stderr, highlight=False, soft_wrap=True)


def _cmd_list(args: argparse.Namespace) -> int:
    from rich.markup import escape
    from rich.table import Table

    from smartresearch import datasets

    frame = datasets.list_datasets()[["name", "title", "editions", "countries", "licence"]]
    table = Table(title="smartresearch datasets (`smartresearch data info NAME` for provenance)")
    for column in frame.columns:
        table.add_column(
            str(column), overflow="fold", ratio=3 if column in ("title", "licence") else 1
        )
    for row in frame.itertuples(index=False):
        table.add_row(*(escape(str(v)) for v in row))
    _console().print(table)
    return EXIT_OK


def _cmd_build(args: argparse.Namespace) -> int:
    from smartresearch import datasets

    with progress_bar("build") as progress:
        report = datasets.build(args.names or None, progress=progress)
    _console().print(str(report), markup=False)
    return EXIT_OK


def _cmd_verify(args: argparse.Namespace) -> int:
    from smartresearch import datasets

    with progress_bar("verify") as progress:
        report = datasets.verify(rebuild=not args.no_rebuild, progress=progress)
    console = _console() if report.ok else _console(stderr=True)
    console.print(str(report), markup=False)
    return EXIT_OK if report.ok else EXIT_ERROR


def _cmd_info(args: argparse.Namespace) -> int:
    from smartresearch import datasets

    _console().print(str(datasets.describe(args.name)), markup=False)
    return EXIT_OK


def _cmd_profile(args: argparse.Namespace) -> int:
    from pathlib import Path

    from smartresearch.analysis.peers import parse_peers
    from smartresearch.countries import check_iso3
    from smartresearch.reporting.build import EXIT_INTERRUPTED, PROFILES_DIR, build_one_off
    from smartresearch.reporting.guard import build_lock
    from smartresearch.reporting.layout import default_layout

    iso3 = args.iso3.strip().upper()
    check_iso3([iso3], context="smartresearch profile")
    peers = parse_peers(args.peers)
    layout = default_layout()
    out = Path(args.out) if args.out else layout.report_dir / PROFILES_DIR / iso3
    parameters = {"country": iso3, "peers": " ".join(peers or ())}
    try:
        with build_lock(layout.build_dir):
            return build_one_off(layout, [PROFILE_NOTEBOOK], parameters, out=out)
    except KeyboardInterrupt:
        print("profile interrupted; nothing more was written.", file=sys.stderr)
        return EXIT_INTERRUPTED


#: The parameterised notebook ``smartresearch profile`` runs.
PROFILE_NOTEBOOK = "06-country-profile"


def _cmd_report(args: argparse.Namespace) -> int:
    # Written by the reporting module's authors; an import failure is a real bug and should show.
    from smartresearch.reporting import build_report

    return int(build_report(render=not args.no_render, notebooks=args.notebook or None))


def _dataset_names() -> tuple[str, ...]:
    """The catalogue's dataset names, read from its source: importing the datasets package
    loads pandas (over a second), which ``--help`` should not wait for."""
    import ast
    from pathlib import Path

    source = (Path(__file__).parent / "datasets" / "catalogue.py").read_text(encoding="utf-8")
    for node in ast.parse(source).body:
        if isinstance(node, ast.AnnAssign) and getattr(node.target, "id", "") == "DATASET_NAMES":
            return tuple(ast.literal_eval(node.value))  # type: ignore[arg-type]
    return ()


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="smartresearch",
        description="Open research toolkit comparing how countries build digital government.",
    )
    from smartresearch import __version__

    parser.add_argument("--version", action="version", version=f"smartresearch {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    data = commands.add_parser("data", help="list, verify, build or describe the datasets")
    data_commands = data.add_subparsers(dest="data_command", required=True, metavar="ACTION")
    list_parser = data_commands.add_parser(
        "list", help="the datasets with their editions and coverage"
    )
    list_parser.set_defaults(handler=_cmd_list)
    verify_parser = data_commands.add_parser(
        "verify",
        help="check raw files, clean tables and the descriptor, and that a rebuild reproduces them",
    )
    verify_parser.add_argument(
        "--no-rebuild",
        action="store_true",
        help="skip rebuilding the tables in memory to compare them",
    )
    verify_parser.set_defaults(handler=_cmd_verify)
    build_parser = data_commands.add_parser(
        "build", help="rebuild clean tables and datapackage.json from the mirror"
    )
    build_parser.add_argument(
        "names", nargs="*", metavar="NAME", help="datasets to build (default: all)"
    )
    build_parser.set_defaults(handler=_cmd_build)
    names = ", ".join(_dataset_names())
    info_parser = data_commands.add_parser(
        "info", help="provenance of one dataset", description=f"Datasets: {names}."
    )
    info_parser.add_argument("name", metavar="NAME", help=f"one of: {names}")
    info_parser.set_defaults(handler=_cmd_info)

    report = commands.add_parser("report", help="execute the notebooks and render the report")
    report.add_argument(
        "--no-render", action="store_true", help="execute the notebooks but skip Quarto"
    )
    report.add_argument(
        "--notebook",
        action="append",
        metavar="NAME",
        help="only this notebook (repeat for several)",
    )
    report.set_defaults(handler=_cmd_report)

    profile = commands.add_parser(
        "profile",
        help="one country's profile against its peers, in its own folder (not the report)",
    )
    profile.add_argument("iso3", metavar="ISO3", help="the country's ISO 3166-1 alpha-3 code")
    profile.add_argument(
        "--peers",
        metavar="CODES",
        help="peers to compare with, e.g. 'UGA,TZA,RWA' (default: the country's region and "
        "World Bank income group)",
    )
    profile.add_argument(
        "--out", metavar="DIR", help="output folder (default: report/_profiles/ISO3/)"
    )
    profile.set_defaults(handler=_cmd_profile)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the console script; returns the exit status."""
    args = make_parser().parse_args(argv)
    try:
        return int(args.handler(args))
    except SmartResearchError as exc:
        from rich.markup import escape

        _console(stderr=True).print(f"[bold red]error:[/bold red] {escape(str(exc))}")
        return EXIT_ERROR
    except KeyboardInterrupt:
        _console(stderr=True).print("interrupted")
        return EXIT_INTERRUPTED


if __name__ == "__main__":
    sys.exit(main())

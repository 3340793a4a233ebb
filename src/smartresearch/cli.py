"""The ``smartresearch`` command: ``data list | verify | build [NAMES] | fetch | info NAME``,
``report`` and ``profile COUNTRY``.

Errors the toolkit raises on purpose (:class:`SmartResearchError`) are printed as one clear
message with a non-zero exit status, never as a traceback: they are about the user's data or
setup, not about our code. Heavy imports happen inside the commands, so ``--help`` is instant.
"""

from __future__ import annotations

import argparse
import errno
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


#: Width ``data list`` fits in: a plain 80-column terminal.
LIST_WIDTH = 80


def list_lines(frame, width: int = LIST_WIDTH) -> list[str]:
    """``data list`` as lines no wider than ``width``: name, years, countries and the title
    cut to fit (publisher, licence and caveats are in ``data info NAME``)."""
    import re

    rows = []
    for row in frame.itertuples(index=False):
        years = sorted(re.findall(r"\d{4}", str(row.editions)))
        span = f"{years[0]}–{years[-1]}" if len(years) > 1 else (years[0] if years else "")
        rows.append((str(row.name), span, str(row.countries), str(row.title)))
    header = ("name", "years", "countries", "title")
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(3)]
    lines = []
    for cells in [header, *rows]:
        left = "  ".join(c.ljust(w) for c, w in zip(cells, widths, strict=False))
        room = width - len(left) - 2
        title = cells[3] if len(cells[3]) <= room else cells[3][: room - 1].rstrip() + "…"
        lines.append(f"{left}  {title}".rstrip())
    lines.append("Provenance, licence and caveats: smartresearch data info NAME")
    return lines


def _cmd_list(args: argparse.Namespace) -> int:
    from smartresearch import datasets

    print("\n".join(list_lines(datasets.list_datasets())))
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


def _cmd_fetch(args: argparse.Namespace) -> int:
    from pathlib import Path

    from smartresearch import mirror

    sources = None
    if args.names:
        from smartresearch import datasets

        sources = sorted({s for n in args.names for s in datasets.get_spec(n).source_ids})
    with progress_bar("fetch") as progress:
        result = mirror.fetch(
            Path(args.to) if args.to else None,
            base_url=args.base_url,
            sources=sources,
            progress=progress,
        )
    print(result)
    return EXIT_OK


def _cmd_info(args: argparse.Namespace) -> int:
    from smartresearch import datasets

    _console().print(str(datasets.describe(args.name)), markup=False)
    return EXIT_OK


def _cmd_profile(args: argparse.Namespace) -> int:
    import re
    from pathlib import Path

    from smartresearch.analysis.peers import parse_peers
    from smartresearch.countries import country_name, resolve_country

    iso3 = resolve_country(args.country, argument="COUNTRY")
    peers = parse_peers(args.peers)
    _require_checkout("profile")
    from smartresearch.reporting.build import EXIT_INTERRUPTED
    from smartresearch.reporting.guard import build_lock
    from smartresearch.reporting.layout import default_layout
    from smartresearch.reporting.one_off import PROFILES_DIR, build_one_off

    layout = default_layout()
    out = Path(args.out) if args.out else layout.report_dir / PROFILES_DIR / iso3
    parameters: dict[str, object] = {"country": iso3, "peers": " ".join(peers or ())}
    if args.microstates:
        parameters["microstates"] = True
    name = country_name(iso3)
    stem = re.sub(r"[^a-z0-9]+", "-", name.casefold()).strip("-") + "-profile"
    try:
        with build_lock(layout.build_dir):
            return build_one_off(
                layout,
                [PROFILE_NOTEBOOK],
                parameters,
                out=out,
                title=f"{name}: country profile",
                stem=stem,
            )
    except KeyboardInterrupt:
        print("profile interrupted; nothing more was written.", file=sys.stderr)
        return EXIT_INTERRUPTED


def _require_checkout(command: str) -> None:
    """Refuse, in one sentence, a command that needs the notebook tools or the checkout's
    notebooks when they are missing (an installed wheel has neither)."""
    import importlib.util
    from pathlib import Path

    missing = [m for m in ("nbformat", "nbclient", "ipykernel") if not importlib.util.find_spec(m)]
    if missing:
        raise SmartResearchError(
            f"`smartresearch {command}` needs the notebook tools ({', '.join(missing)} "
            "missing): run it from a checkout with `uv run smartresearch ...`, or install "
            "nbformat, nbclient, nbconvert and ipykernel beside the toolkit."
        )
    notebooks = Path(__file__).resolve().parents[2] / "notebooks"  # the checkout's, if any
    if not notebooks.is_dir():
        raise SmartResearchError(
            f"`smartresearch {command}` runs the project's notebooks, and {notebooks} does not "
            "exist: run it from a checkout of the repository (the installed package loads, "
            "describes and charts the data without one)."
        )


#: The parameterised notebook ``smartresearch profile`` runs.
PROFILE_NOTEBOOK = "06-country-profile"


def _cmd_report(args: argparse.Namespace) -> int:
    _require_checkout("report")
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
    fetch_parser = data_commands.add_parser(
        "fetch",
        help="download the registered public files (checked against their sha256) into a "
        "mirror folder of your own",
        description="Download every registered raw file that has a recorded public URL into "
        "a folder laid out as SMARTRESEARCH_MIRROR expects (default: your user cache), "
        "verifying each file's sha256 and size; files already there and intact are skipped. "
        "Files with no direct download are listed with where to get them.",
    )
    fetch_parser.add_argument(
        "names", nargs="*", metavar="NAME", help=f"only these datasets' sources: {names}"
    )
    fetch_parser.add_argument("--to", metavar="DIR", help="the mirror folder (default: cache)")
    fetch_parser.add_argument(
        "--from",
        dest="base_url",
        metavar="URL",
        help="another mirror's address, laid out like the shared one (default: each file's "
        "recorded origin)",
    )
    fetch_parser.set_defaults(handler=_cmd_fetch)
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
    profile.add_argument(
        "country",
        metavar="COUNTRY",
        help="the country: an ISO3 code (EST) or an English name ('Estonia', 'South Korea')",
    )
    profile.add_argument(
        "--peers",
        metavar="CODES",
        help="peers to compare with, e.g. 'UGA,TZA,RWA' or 'Latvia, Lithuania' (default: the 8 "
        "countries nearest by region, income, EGDI and size)",
    )
    profile.add_argument(
        "--microstates",
        action="store_true",
        help="let countries under 1 million people be default peers (left out otherwise)",
    )
    profile.add_argument(
        "--out",
        metavar="DIR",
        help="a new or empty folder, or one a profile made before (default: "
        "report/_profiles/ISO3/)",
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
    except OSError as exc:
        print(f"error: {os_error_sentence(exc)}", file=sys.stderr)
        return EXIT_ERROR
    except ModuleNotFoundError as exc:
        if (exc.name or "").partition(".")[0] == "smartresearch":
            raise  # our own bug: show it
        print(
            f"error: this command needs the Python package {exc.name!r}, which is not "
            "installed: run it from a checkout with `uv run smartresearch ...`, or install "
            f"{exc.name} beside the toolkit.",
            file=sys.stderr,
        )
        return EXIT_ERROR


#: errno -> what the fault means and what to do, for :func:`os_error_sentence`.
_OS_FAULTS = {
    errno.ENOSPC: "the disk is full",
    errno.EDQUOT: "the disk quota is used up",
    errno.EROFS: "the file system is read-only",
    errno.EACCES: "permission was denied",
    errno.EPERM: "the operation is not permitted",
}


def os_error_sentence(exc: OSError) -> str:
    """One sentence for a file-system fault: what, where, and that nothing was half-written
    (every writer in the toolkit writes to a temporary file or folder and swaps it in)."""
    what = _OS_FAULTS.get(exc.errno or 0, exc.strerror or str(exc))
    where = f" at {exc.filename}" if exc.filename else ""
    return (
        f"{what}{where}; earlier outputs were left as they were. Free some space or choose a "
        "writable folder (e.g. --out for a profile), then run the command again."
    )


if __name__ == "__main__":
    sys.exit(main())

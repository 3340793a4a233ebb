"""``python -m smartresearch.reporting build|prepare|benchmark``.

``prepare`` is the Quarto project's pre-render step (see ``report/_quarto.yml``); parameters for
the parameterised notebook are given papermill-style: ``-p country EST``. The build
module is imported only once it is needed, so that the pre-render step Quarto runs inside
``smartresearch report`` (which has just prepared everything) returns at once.
"""

from __future__ import annotations

import argparse
import os
import sys

import yaml

from smartresearch.reporting.quarto import PREPARED_ENV


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m smartresearch.reporting")
    parser.add_argument("command", choices=["build", "prepare", "benchmark"])
    parser.add_argument("--notebook", "-n", action="append", help="only this notebook (repeatable)")
    parser.add_argument(
        "-p", "--parameter", nargs=2, action="append", metavar=("NAME", "VALUE"), default=[]
    )
    parser.add_argument(
        "--force", action="store_true", help="re-run every step even if nothing changed"
    )
    parser.add_argument("--no-render", action="store_true", help="build: stop before rendering")
    args = parser.parse_args(argv)
    if args.command == "prepare" and os.environ.get(PREPARED_ENV):
        return 0  # started by build_report, which has just prepared everything
    parameters = {name: yaml.safe_load(value) for name, value in args.parameter}

    from smartresearch.errors import SmartResearchError
    from smartresearch.reporting.build import build_report, prepare
    from smartresearch.reporting.build_benchmark import benchmark

    if args.command == "build":
        return build_report(
            not args.no_render, args.notebook, parameters=parameters, force=args.force
        )
    try:
        if args.command == "prepare":
            prepare(args.notebook, parameters=parameters, force=args.force)
        else:
            benchmark()
    except SmartResearchError as exc:
        print(f"report {args.command} failed: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

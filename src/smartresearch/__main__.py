"""``python -m smartresearch``: the same command as the ``smartresearch`` console script."""

from __future__ import annotations

import sys

from smartresearch.cli import main

if __name__ == "__main__":
    sys.exit(main())

"""Console entry point: start the prescan of big monograph directories, then run the CLI."""
import os
import sys


def main() -> None:
    from . import prescan

    prescan.start(sys.argv[1:], os.environ)
    from .cli import main as run

    run()

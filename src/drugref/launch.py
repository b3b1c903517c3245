"""Console entry point: start the prescan of big monograph directories, run the CLI, then leave
without the interpreter's teardown."""
import os
import sys


def main() -> None:
    from . import prescan

    prescan.start(sys.argv[1:], os.environ)
    from .cli import main as run

    try:
        run()
        status = 0
    except SystemExit as exc:
        status = exc.code
    leave(status)


def leave(status) -> None:
    """Flush the output and end the process now, with `status` as sys.exit would give it.

    Python's normal shutdown frees every object one by one (10-15 ms after a fuzzy lookup over
    10,000 monographs) for nothing: nothing else is left open here (index writes are committed
    or rolled back before a command returns, files are closed by `with`, worker pools are shut
    down). Exceptions other than SystemExit never get here: they keep Python's own handling."""
    if status is None:
        status = 0
    elif not isinstance(status, int):  # sys.exit("message"): print it, exit 1, as Python does
        sys.stderr.write(f"{status}\n")
        status = 1
    try:
        if sys.stdout is not None:  # None: started with stdout closed (`>&-`); Rich wrote nowhere
            sys.stdout.flush()
    except BrokenPipeError:  # the reader (e.g. `head`) went away: stop quietly, as cli.main does
        status = 0
    except (OSError, ValueError) as exc:  # stdout closed, or the disk full: the output is lost
        status = status or 1
        try:
            if sys.stderr is not None:
                sys.stderr.write(f"drugref: could not write the output: {exc}\n")
        except (OSError, ValueError):
            pass
    try:
        if sys.stderr is not None:
            sys.stderr.flush()
    except (OSError, ValueError):
        pass
    os._exit(status)

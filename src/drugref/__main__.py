"""Run drugref as `python -m drugref`."""
from drugref.cli import main

main()

"""Run drugref as `python -m drugref`."""
from drugref.launch import main

main()

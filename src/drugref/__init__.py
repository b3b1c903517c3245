"""drugref: an offline command-line drug reference. Not medical advice."""

__version__ = "0.1.0"

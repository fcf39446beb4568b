"""handout: structured patient-education content (YAML) to print-ready PDF handouts."""

__version__ = "0.1.0"

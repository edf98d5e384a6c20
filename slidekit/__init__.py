"""slidekit: research-update decks from eval result tables and a short YAML spec."""

__version__ = "0.1.0"

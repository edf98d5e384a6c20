"""Subcommands of ``slidekit`` kept in their own modules; see :mod:`slidekit.cli`."""

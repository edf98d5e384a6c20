"""``slidekit lint``: the critique a mentor would give, said first.

The linter runs rules over the resolved plan (so it knows the real categories
and sample counts) and reports findings located at the spec's line and column:

    load_spec -> load_tables -> resolve_plan -> lint_plan -> Report

- :mod:`slidekit.lint.linter`: the stages, and the settings (ignore, severity).
- :mod:`slidekit.lint.registry`: rules found through the ``slidekit.lint_rules``
  entry-point group; the built-ins (:mod:`slidekit.lint.rules`) register the same way.
- :mod:`slidekit.lint.report`: counts findings, formats them, computes the exit status.
- :mod:`slidekit.lint.checklist`: the Markdown critique sheet for a human reviewer.

Nothing here imports matplotlib or python-pptx: linting renders nothing.
"""

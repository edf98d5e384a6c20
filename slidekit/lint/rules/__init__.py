"""The built-in lint rules, one module each (registered in ``pyproject.toml``).

Each module has an ``ID``, a default ``SEVERITY``, a ``check(context)`` generator
and a docstring that documents the rule. Default severities:

- ``recap-missing`` (warning): results, but no recap of last week's takeaways.
- ``jargon-undefined`` (warning): an acronym or listed term not in ``recap.jargon``.
- ``too-many-categories`` (warning): a chart drawing 4 or more categories.
- ``hidden-categories-no-backup`` (warning): ``show`` hides categories, ``backup: false``.
- ``takeaway-missing`` (error): a chart slide without a takeaway.
- ``takeaway-off-chart`` (warning): a takeaway sharing no word with its chart.
- ``callout-missing`` (warning): a chart with nothing highlighted.
- ``callout-target-missing`` (error): a callout whose ``at`` selects no drawn point.
- ``prompt-missing`` (warning): eval results charted, no prompt shown.
- ``prompt-highlight-missing`` (warning): a prompt slide with nothing highlighted.
- ``text-heavy`` (warning): > 6 bullets, > 60 words, a headline > 15 words.
- ``small-sample`` (warning): a drawn point with n below ``lint.min_samples``.

Left out because they cannot fire or cannot be made reliable:

- *a rate's y axis not starting at 0*: the renderer always starts the y axis of
  a rate (and of every bar chart) at 0, and the spec has no key to change
  that, so such a rule could never fire.
- *a takeaway that says something the chart does not show* (e.g. "goes down"
  over a rising line): judging whether a sentence is true of the numbers needs
  reading its meaning; word matching would be wrong too often. Only the
  mechanical half, a takeaway sharing no word with its chart, is checked
  (``takeaway-off-chart``).
- *too many slides, or a missing "next steps" slide*: what a week needs
  varies too much, and a slide's purpose cannot be told from its title.
"""

"""hidden-categories-no-backup: categories hidden by ``show`` with backup slides turned off.

Tip 2: show the most important categories and keep the others for a backup
slide in case the mentor asks for the breakdown. With ``backup: false`` the
build makes no backup slide, so the categories ``show`` leaves out are in no
slide at all. Points at ``backup``.
"""

from __future__ import annotations

from slidekit.lint.finding import Problem

ID = "hidden-categories-no-backup"
SEVERITY = "warning"


def check(context):
    for chart in context.charts:
        if chart.spec.backup is not False or chart.spec.show is None:
            continue
        hidden = chart.hidden
        if not hidden:
            continue
        yield Problem(
            chart.path("backup"),
            f"show: hides {', '.join(hidden)} ({chart.spec.color}) and backup: false drops the "
            "full breakdown, so they are on no slide; remove backup: false to keep a backup "
            "slide for when the mentor asks",
        )

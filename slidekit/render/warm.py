"""Imported by the chart fork server (:mod:`slidekit.render.drawers`): importing this
module imports matplotlib, so every helper forked from the server has it loaded."""

import atexit
import os

from slidekit.render.chart import warm_up

warm_up()
# The server exits once the build's process has gone and has nothing to clean
# up; tearing matplotlib down would hold the build's stderr open 0.15 s longer
# (a caller reading it, like subprocess.run, waits for that).
atexit.register(os._exit, 0)

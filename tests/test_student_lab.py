"""`make lab` gives students JupyterLab without nbgrader's authoring tools; instructors keep them."""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from notebook_runner import ROOT

pytest.importorskip("nbgrader")
STUDENT = ROOT / "jupyter-config" / "student"
_LINKED = """
from jupyter_server.serverapp import ServerApp
app = ServerApp()
app.initialize(argv=["--port=0", "--ServerApp.open_browser=False"], find_extensions=True)
print("ENABLED", sorted(k for k, v in app.jpserver_extensions.items() if v and "nbgrader" in k))
"""


def _env(student: bool) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "JUPYTER_CONFIG_PATH"}
    if student:
        env["JUPYTER_CONFIG_PATH"] = str(STUDENT)
    return env


@pytest.mark.parametrize("student", [True, False])
def test_nbgrader_server_extensions_only_for_instructors(student, tmp_path):
    done = subprocess.run([sys.executable, "-c", _LINKED], env=_env(student), cwd=tmp_path,
                          capture_output=True, text=True, timeout=120, check=True)
    enabled = re.search(r"^ENABLED (.*)$", done.stdout, re.M).group(1)
    logs = done.stderr
    if student:
        assert enabled == "[]" and "nbgrader" not in logs, (enabled, logs[-500:])
    else:
        assert "formgrader" in enabled and "successfully linked" in logs


@pytest.mark.parametrize("student", [True, False])
def test_nbgrader_lab_extension_only_for_instructors(student, tmp_path):
    jupyter = Path(sys.executable).parent / "jupyter"
    done = subprocess.run([str(jupyter), "labextension", "list"], env=_env(student),
                          cwd=tmp_path, capture_output=True, text=True, timeout=120)
    line = next(ln for ln in (done.stdout + done.stderr).splitlines()
                if "@jupyter/nbgrader v" in ln)
    assert ("disabled" in line) == student, line


def test_make_lab_uses_the_student_configuration():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    lab = re.search(r"^lab: .*?\n\t(.*)$", makefile, re.M).group(1)
    assert 'JUPYTER_CONFIG_PATH="$(CURDIR)/jupyter-config/student"' in lab
    instructor = re.search(r"^lab-instructor: .*?\n\t(.*)$", makefile, re.M).group(1)
    assert "JUPYTER_CONFIG_PATH" not in instructor

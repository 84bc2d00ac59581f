"""`make lab`: JupyterLab without nbgrader's authoring tools for students; instructors keep them."""
from __future__ import annotations

import re

import pytest

from notebook_runner import ROOT

pytest.importorskip("nbgrader")
STUDENT = ROOT / "jupyter-config" / "student"


def test_make_lab_uses_the_student_configuration():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    lab = re.search(r"^lab: .*?\n\t(.*)$", makefile, re.M).group(1)
    assert 'JUPYTER_CONFIG_PATH="$(CURDIR)/jupyter-config/student"' in lab
    instructor = re.search(r"^lab-instructor: .*?\n\t(.*)$", makefile, re.M).group(1)
    assert "JUPYTER_CONFIG_PATH" not in instructor


@pytest.mark.parametrize("student", [True, False])
def test_the_running_lab_serves_nbgrader_only_to_instructors(student, tmp_path, monkeypatch):
    """A real JupyterLab server: its page configuration and the formgrader URL."""
    import json
    import urllib.error
    import urllib.request

    from browser_helpers import LabServer

    monkeypatch.delenv("JUPYTER_CONFIG_PATH", raising=False)
    if student:
        monkeypatch.setenv("JUPYTER_CONFIG_PATH", str(STUDENT))
    with LabServer(ROOT, tmp_path, timeout=180) as server:
        page = urllib.request.urlopen(f"{server.url}/lab", timeout=60).read().decode()
        try:
            formgrader = urllib.request.urlopen(f"{server.url}/formgrader", timeout=60).status
        except urllib.error.HTTPError as exc:
            formgrader = exc.code
    config = json.loads(re.search(r'<script id="jupyter-config-data" type="application/json">'
                                  r"(.*?)</script>", page, re.S).group(1))
    disabled = config.get("disabledExtensions", [])
    assert ("@jupyter/nbgrader" in disabled) == student, disabled
    assert (formgrader == 404) == student, formgrader
    log = (tmp_path / "lab.log").read_text(encoding="utf-8")
    assert ("nbgrader" not in log) == student  # no "No nbgrader_config.py" line for students

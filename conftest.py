"""Test-session settings: keep check() progress out of the user's home folder."""
import os
import tempfile

os.environ.setdefault("COURSEKIT_PROGRESS",
                      os.path.join(tempfile.mkdtemp(prefix="coursekit-test-"), "progress.json"))
os.environ.setdefault("MPLBACKEND", "Agg")

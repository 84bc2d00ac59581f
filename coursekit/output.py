"""Output folders that coursekit writes (packs, nbgrader course directories, HTML exports).

Rules, so that no command can destroy what coursekit did not make:

* every folder written through :func:`output_folder` carries the marker file :data:`MARKER`;
* an existing, non-empty folder is replaced only with ``force=True`` *and* only if it carries
  the marker (and none of the ``keep`` entries, e.g. an nbgrader gradebook);
* the project root, its source folders (:data:`SOURCE_FOLDERS`), anything inside them, the home
  folder, ``/`` and any folder that contains one of these are always refused, as is a symbolic
  link or a file in the place of the folder;
* the new content is built in a temporary sibling folder and swapped in only when the build
  succeeded, so a failing build leaves the previous output untouched.

>>> import tempfile, pathlib
>>> parent = pathlib.Path(tempfile.mkdtemp())
>>> with output_folder(parent / "pack", command="pack") as tmp:
...     _ = (tmp / "README.md").write_text("hello")
>>> sorted(p.name for p in (parent / "pack").iterdir())
['.coursekit-output', 'README.md']
>>> with output_folder(parent / "pack", command="pack", force=True) as tmp:
...     _ = (tmp / "new.txt").write_text("again")
>>> sorted(p.name for p in (parent / "pack").iterdir())
['.coursekit-output', 'new.txt']
"""
from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

__all__ = ["MARKER", "SOURCE_FOLDERS", "OutputFolderError", "check_output_folder",
           "output_folder"]

MARKER = ".coursekit-output"
SOURCE_FOLDERS = ("notebooks", "solutions", "exercises", "datasets", "coursekit")


class OutputFolderError(ValueError):
    """The output folder cannot be used (it would overwrite something coursekit did not make)."""


def _protected(root: Path | None) -> list[tuple[Path, str]]:
    """Folders never to be replaced or written into, with the reason shown to the user."""
    from coursekit.course import project_root

    found = [(Path("/").resolve(), "the file-system root"),
             (Path.home().resolve(), "your home folder")]
    roots = {r.resolve() for r in (root, project_root()) if r is not None}
    for r in sorted(roots):
        found.append((r, "the project folder"))
        found += [(r / name, f"the project's source folder {name}/") for name in SOURCE_FOLDERS]
    return found


def check_output_folder(out: str | Path, *, force: bool = False, root: str | Path | None = None,
                        keep: tuple[str, ...] = ()) -> Path:
    """Raise :class:`OutputFolderError` unless ``out`` may be (re)written; return it as a Path.

    ``keep`` names entries (e.g. ``"gradebook.db"``) whose presence forbids replacing ``out``
    even with ``force``.
    """
    if not isinstance(out, (str, Path)) or not str(out).strip():
        raise TypeError(f"out must be a folder path; got {out!r}")
    out = Path(out)
    if out.is_symlink():
        raise OutputFolderError(f"output folder {out} is a symbolic link; give a real folder")
    if out.exists() and not out.is_dir():
        raise OutputFolderError(f"output folder {out} exists and is not a folder")
    existing = next(p for p in (out.absolute(), *out.absolute().parents) if p.exists())
    if existing != out.absolute() and not existing.is_dir():
        raise OutputFolderError(f"cannot create output folder {out}: {existing} is a file, "
                                f"not a folder")
    target = out.resolve()
    for path, what in _protected(Path(root) if root is not None else None):
        if target == path or path.is_relative_to(target):
            raise OutputFolderError(f"refusing to write to {out}: it is (or contains) {what}")
        if what.startswith("the project's source") and target.is_relative_to(path):
            raise OutputFolderError(f"refusing to write to {out}: it is inside {what}")
    if out.exists() and any(out.iterdir()):
        if not (out / MARKER).is_file():
            raise OutputFolderError(
                f"output folder {out} is not empty and was not written by coursekit (no "
                f"{MARKER} file); choose a new folder (--force replaces only coursekit's own "
                f"output)")
        if not force:
            raise OutputFolderError(f"output folder {out} exists and is not empty; choose a new "
                                    f"folder or pass --force to replace it")
        kept = [name for name in keep if (out / name).exists()]
        if kept:
            raise OutputFolderError(f"output folder {out} holds {', '.join(kept)} (work done "
                                    f"after coursekit wrote it); move it away or choose a new "
                                    f"folder")
    return out


@contextmanager
def output_folder(out: str | Path, *, command: str, force: bool = False,
                  root: str | Path | None = None, keep: tuple[str, ...] = ()) -> Iterator[Path]:
    """Build into a temporary sibling of ``out`` (yielded); on success swap it in as ``out``.

    ``command`` is written into the marker file. If the body raises, the temporary folder is
    removed and ``out`` is left exactly as it was.
    """
    check_output_folder(out, force=force, root=root, keep=keep)
    out = Path(os.path.abspath(out))  # "." and "x/.." become real names that can be swapped
    parent = out.parent
    parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.building-", dir=parent))
    try:
        yield tmp
        (tmp / MARKER).write_text(f"Written by `coursekit {command}`. `coursekit {command} "
                                  f"--force` may replace this folder.\n", encoding="utf-8")
        os.chmod(tmp, 0o777 & ~_umask())
        check_output_folder(out, force=force, root=root, keep=keep)  # unchanged meanwhile?
        if out.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{out.name}.old-", dir=parent))
            os.replace(out, old / "previous")
            os.replace(tmp, out)
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.replace(tmp, out)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask

"""The ``coursekit`` command.

    coursekit modules                 the course modules and their status
    coursekit datasets [NAME]         the datasets (or one dataset's card)
    coursekit build-exercises [--check]
                                      generate exercises/ from solutions/ (or fail if stale)
    coursekit progress                questions answered correctly so far, per module
    coursekit versions                package versions and dataset checksums (replication record)
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

__all__ = ["main"]


def _root(arg: str | None) -> Path:
    from coursekit.course import project_root

    if arg:
        return Path(arg)
    root = project_root()
    if root is None:
        cwd = Path.cwd()
        if (cwd / "solutions").is_dir():
            return cwd
        raise SystemExit("error: no solutions/ folder found; run inside the project or pass --root")
    return root


def _cmd_modules(args) -> int:
    from coursekit.course import MODULES, sync_readme

    if args.write_readme:
        readme = _root(None) / "README.md"
        print(f"{readme}: {'updated' if sync_readme(readme) else 'already up to date'}")
        return 0

    print(f"{'id':<4}{'module':<40}{'textbook':<22}status")
    for m in MODULES:
        print(f"{m.id:<4}{m.title:<40}{m.chapter:<22}{m.status}")
    return 0


def _cmd_datasets(args) -> int:
    from coursekit import datasets

    if args.name:
        print(datasets.dataset_info(args.name))
        return 0
    for name in datasets.list_datasets():
        card = datasets.dataset_info(name)
        rows = f"{card.rows:>7} rows" if card.rows is not None else " " * 12
        print(f"{name:<28}{rows}  {card.title}")
    return 0


def _cmd_build(args) -> int:
    from coursekit.build import build_exercises

    root = _root(args.root)
    stale = build_exercises(root, check=args.check)
    if args.check:
        if stale:
            print("exercises/ is out of date with solutions/; run `coursekit build-exercises`:")
            for p in stale:
                print(f"  {p.relative_to(root)}")
            return 1
        print("exercises/ is in sync with solutions/")
        return 0
    for p in stale:
        print(f"wrote {p.relative_to(root)}")
    print(f"{len(stale)} exercise notebook(s) updated")
    return 0


def _cmd_progress(args) -> int:
    from coursekit.exercises.progress import progress, progress_file

    table = progress()
    print(f"progress file: {progress_file()}")
    print(table.to_string(index=False))
    return 0


def _cmd_versions(args) -> int:
    import platform
    from importlib import metadata

    import coursekit
    from coursekit import datasets

    print(f"coursekit {coursekit.__version__} on Python {platform.python_version()}")
    for pkg in ("numpy", "pandas", "scipy", "matplotlib", "seaborn", "statsmodels", "networkx",
                "ipywidgets", "jupyterlab"):
        try:
            print(f"  {pkg} {metadata.version(pkg)}")
        except metadata.PackageNotFoundError:
            print(f"  {pkg} (not installed)")
    print("datasets (sha256):")
    for name in datasets.list_datasets():
        card = datasets.dataset_info(name)
        ok = "ok" if datasets.sha256_of(datasets.dataset_path(name)) == card.sha256 else "MODIFIED"
        print(f"  {name:<28}{card.sha256}  {ok}")
    return 0


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="coursekit", description=__doc__.split("\n\n")[0] if __doc__ else None,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")
    m = sub.add_parser("modules", help="list the course modules")
    m.add_argument("--write-readme", action="store_true",
                   help="rewrite the README's module table from the registry")
    m.set_defaults(func=_cmd_modules)
    d = sub.add_parser("datasets", help="list the datasets or show one card")
    d.add_argument("name", nargs="?", help="a dataset name: show its card")
    d.set_defaults(func=_cmd_datasets)
    b = sub.add_parser("build-exercises", help="generate exercises/ from solutions/")
    b.add_argument("--check", action="store_true", help="fail if exercises/ is out of date")
    b.add_argument("--root", help="project folder (default: this checkout)")
    b.set_defaults(func=_cmd_build)
    sub.add_parser("progress", help="show exercise progress").set_defaults(func=_cmd_progress)
    sub.add_parser("versions", help="versions and dataset checksums").set_defaults(
        func=_cmd_versions)
    return p


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return args.func(args)
    except (ValueError, FileNotFoundError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

"""The ``coursekit`` command.

    coursekit modules                 the course modules and their status
    coursekit datasets [NAME]         the datasets (or one dataset's card)
    coursekit build-exercises [--check]
                                      generate exercises/ from solutions/ (or fail if stale)
    coursekit pack --modules 04,07 --out DIR
                                      a verified course pack (lessons, exercises, datasets)
    coursekit export-nbgrader --modules 01 DIR
                                      an nbgrader course directory with autograded cells
    coursekit export-html --out DIR   every ready lesson executed and rendered to offline HTML
    coursekit site --out DIR [--exercises]
                                      the offline course website (needs the extra .[site])
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


def _modules_arg(args):
    from coursekit.course import resolve_modules

    if args.all == bool(args.modules):
        raise ValueError("name the modules with --modules 04,07 (ids or names) or use --all")
    return resolve_modules(None if args.all else args.modules, ready_only=args.all)


def _cmd_pack(args) -> int:
    from coursekit.pack import build_pack

    report = build_pack(_modules_arg(args), args.out, root=_root(args.root), force=args.force,
                        verify=not args.no_verify)
    print(report)
    return 0


def _cmd_export_nbgrader(args) -> int:
    from coursekit.grading import export_nbgrader

    report = export_nbgrader(_modules_arg(args), args.out, root=_root(args.root),
                             force=args.force)
    print(report)
    print("next: cd into it and run `nbgrader generate_assignment <assignment>`")
    return 0


def _cmd_export_html(args) -> int:
    from coursekit.export_html import export_html

    print(export_html(args.out, modules=args.modules, root=args.root, force=args.force))
    return 0


def _cmd_site(args) -> int:
    from coursekit.site import build_site

    try:
        report = build_site(args.out, modules=args.modules, root=args.root, force=args.force,
                            exercises=args.exercises, cache=not args.no_cache, jobs=args.jobs)
    except ModuleNotFoundError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(report)
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
    p = argparse.ArgumentParser(prog="coursekit",
                                description=__doc__.split("\n\n")[0] if __doc__ else None,
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
    for name, func, helptext in (
            ("pack", _cmd_pack, "write a verified course pack for a class"),
            ("export-nbgrader", _cmd_export_nbgrader, "write an nbgrader course directory")):
        c = sub.add_parser(name, help=helptext)
        c.add_argument("--modules", help="comma-separated module ids or names, e.g. 04,07")
        c.add_argument("--all", action="store_true", help="every ready module")
        c.add_argument("--force", action="store_true", help="replace a non-empty output folder")
        c.add_argument("--root", help="project folder (default: this checkout)")
        if name == "pack":
            c.add_argument("--out", required=True, help="output folder (must not exist)")
            c.add_argument("--no-verify", action="store_true",
                           help="skip executing the pack's notebooks")
        else:
            c.add_argument("out", help="output folder (must not exist)")
        c.set_defaults(func=func)
    e = sub.add_parser("export-html", help="render the ready lessons to offline HTML")
    e.add_argument("--out", required=True, help="output folder (new or empty)")
    e.add_argument("--modules", help="comma-separated module ids (default: every ready module)")
    e.add_argument("--force", action="store_true", help="replace a non-empty output folder")
    e.add_argument("--root", help="project folder (default: this checkout)")
    e.set_defaults(func=_cmd_export_html)
    s = sub.add_parser("site", help="build the offline course website (Sphinx, MyST-NB)")
    s.add_argument("--out", required=True, help="output folder (new or empty)")
    s.add_argument("--modules", help="comma-separated module ids (default: every ready module)")
    s.add_argument("--exercises", action="store_true",
                   help="add the exercise pages (questions only, never solutions)")
    s.add_argument("--no-cache", action="store_true",
                   help="execute every lesson again instead of reusing build/site-cache/")
    s.add_argument("--jobs", type=int, default=None,
                   help="lessons executed at once (default: up to 2)")
    s.add_argument("--force", action="store_true", help="replace a non-empty output folder")
    s.add_argument("--root", help="project folder (default: this checkout)")
    s.set_defaults(func=_cmd_site)
    sub.add_parser("progress", help="show exercise progress").set_defaults(func=_cmd_progress)
    sub.add_parser("versions", help="versions and dataset checksums").set_defaults(
        func=_cmd_versions)
    return p


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return args.func(args)
    except (ValueError, FileNotFoundError, FileExistsError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

"""coursekit: the course's command line (modules, datasets, exercises, packs, grading, HTML).

Run ``coursekit COMMAND --help`` for the options and an example of each command.
"""
from __future__ import annotations

import argparse
import os
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
    problems = datasets.card_problems()
    for problem in problems.values():
        print(f"error: {problem}", file=sys.stderr)
    return 1 if problems else 0


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
        print(f"{'wrote' if p.exists() else 'removed'} {p.relative_to(root)}")
    print(f"{len(stale)} exercise notebook(s) updated")
    return 0


def _modules_arg(args):
    from coursekit.course import resolve_modules

    if args.all == bool(args.modules):
        raise ValueError("name the modules with --modules 04,07 (ids or names) or use --all")
    chosen = resolve_modules(None if args.all else args.modules, ready_only=args.all)
    return list({m.id: m for m in chosen}.values())  # --modules 01,01 names 01 once


def _cmd_pack(args) -> int:
    from coursekit.pack import build_pack

    report = build_pack(_modules_arg(args), args.out, root=_root(args.root), force=args.force,
                        execute=not args.no_execute, wheel=args.wheel)
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

    report = build_site(args.out, modules=args.modules, root=_root(args.root), force=args.force,
                        exercises=args.exercises, cache=not args.no_cache, jobs=args.jobs)
    print(report)
    return 0


def _cmd_class_report(args) -> int:
    from coursekit.class_report import build_class_report

    report = build_class_report(args.source, args.out, pseudonymous=args.pseudonymise,
                                force=args.force)
    read = int(report.submissions["problem"].isna().sum())
    failed = len(report.submissions) - read
    print(f"class report written to {args.out}: {read} submission(s) read, {failed} could not "
          f"be read, {len(report.attempts)} attempt(s) by "
          f"{report.attempts['student'].nunique()} student(s)")
    top = report.questions.head(3)
    for qid, row in top.iterrows():
        print(f"  {qid}: {row['lost']:.0%} of the class not right at the first attempt")
    return 0


def _cmd_progress(args) -> int:
    from coursekit.course import progress_report
    from coursekit.exercises.progress import progress_file

    store = progress_file()
    if store.is_dir():
        raise ValueError(f"the progress store {store} is a folder, not a file; point "
                         f"COURSEKIT_PROGRESS at a file (or unset it)")
    table = progress_report()
    print(f"progress store: {store}")
    print(table.to_string())
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
    status = 0
    for name in datasets.list_datasets():
        card = datasets.dataset_info(name)
        try:
            path = datasets.dataset_path(name)
            ok = "ok" if datasets.sha256_of(path) == card.sha256 else "MODIFIED"
        except datasets.DatasetError as exc:
            ok = "MISSING" if "missing" in str(exc) else "REFUSED"
        except OSError:
            ok = "UNREADABLE"
        status = status or (ok != "ok")
        print(f"  {name:<28}{card.sha256}  {ok}")
    for name, problem in datasets.card_problems().items():
        status = 1
        print(f"  {name:<28}BROKEN CARD: {problem}")
    return status


_EXAMPLES = {
    "modules": "coursekit modules",
    "datasets": "coursekit datasets vacation_offers",
    "build-exercises": "coursekit build-exercises --check",
    "pack": "coursekit pack --modules 04,07 --out class-pack",
    "export-nbgrader": "coursekit export-nbgrader --modules 01 --out nbgrader-course",
    "export-html": "coursekit export-html --out lessons-html",
    "site": "coursekit site --out course-site --exercises",
    "class-report": "coursekit class-report nbgrader-course --out class-report --pseudonymise",
    "progress": "COURSEKIT_PROGRESS=~/my-progress.sqlite3 coursekit progress",
    "versions": "coursekit versions > replication-record.txt",
}
_DESCRIPTIONS = {
    "modules": "List the course modules with their textbook chapter and status.",
    "datasets": "List the course datasets, or show one dataset's card (columns, source, "
                "licence, checksum).",
    "build-exercises": "Generate the student notebooks in exercises/ from solutions/ (the "
                       "single source of the exercises); --check only reports stale files.",
    "pack": "Write a verified course pack for a class: lesson and exercise notebooks, exactly "
            "the datasets they load, and a README. Every notebook is executed against the "
            "pack's own data unless --no-execute.",
    "export-nbgrader": "Write an nbgrader course directory with autograded test cells; "
                       "verdicts are computed outside the student's kernel.",
    "export-html": "Execute every ready lesson and render it to offline HTML with an index.",
    "site": "Build the offline course website (Sphinx and MyST-NB, the extra .[site]): every "
            "ready lesson executed, optionally the exercise pages without solutions.",
    "class-report": "What the class gets wrong: per question the share right at the first "
                    "attempt and eventually, and the misconceptions behind wrong answers, from "
                    "an nbgrader course folder (autograded/) or a folder of collected progress "
                    "stores; an HTML page and the tables as CSV.",
    "progress": "Show how many questions you answered correctly so far, per module.",
    "versions": "Print package versions and dataset checksums (a replication record); marks "
                "a modified file MODIFIED and a missing one MISSING.",
}
_OUT_HELP = ("output folder: new, empty, or a folder coursekit wrote before (then with --force); "
             "the project, its source folders, your home and / are refused")


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="coursekit", description=__doc__.strip().split("\n\n")[0],
                                epilog="example: coursekit pack --modules 01,12 --out my-class")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(name: str, func, helptext: str) -> argparse.ArgumentParser:
        c = sub.add_parser(name, help=helptext, description=_DESCRIPTIONS[name],
                           epilog=f"example: {_EXAMPLES[name]}")
        c.set_defaults(func=func)
        return c

    m = command("modules", _cmd_modules, "list the course modules")
    m.add_argument("--write-readme", action="store_true",
                   help="rewrite the README's module table from the registry")
    d = command("datasets", _cmd_datasets, "list the datasets or show one card")
    d.add_argument("name", nargs="?", help="a dataset name: show its card")
    b = command("build-exercises", _cmd_build, "generate exercises/ from solutions/")
    b.add_argument("--check", action="store_true", help="fail if exercises/ is out of date")
    b.add_argument("--root", help="project folder (default: this checkout)")
    for name, func, helptext in (
            ("pack", _cmd_pack, "write a verified course pack for a class"),
            ("export-nbgrader", _cmd_export_nbgrader, "write an nbgrader course directory")):
        c = command(name, func, helptext)
        c.add_argument("--modules", help="comma-separated module ids or names, e.g. 04,07")
        c.add_argument("--all", action="store_true", help="every ready module")
        c.add_argument("--out", required=True, help=_OUT_HELP)
        c.add_argument("--force", action="store_true",
                       help="replace a folder that coursekit wrote before")
        c.add_argument("--root", help="project folder (default: this checkout)")
        if name == "pack":
            c.add_argument("--no-execute", "--no-verify", dest="no_execute", action="store_true",
                           help="check solutions and data but do not execute the notebooks")
            c.add_argument("--wheel", action="store_true",
                           help="put an installable wheel of coursekit into the pack (wheels/)")
    e = command("export-html", _cmd_export_html, "render the ready lessons to offline HTML")
    e.add_argument("--out", required=True, help=_OUT_HELP)
    e.add_argument("--modules", help="comma-separated module ids (default: every ready module)")
    e.add_argument("--force", action="store_true",
                   help="replace a folder that coursekit wrote before")
    e.add_argument("--root", help="project folder (default: this checkout)")
    s = command("site", _cmd_site, "build the offline course website (Sphinx, MyST-NB)")
    s.add_argument("--out", required=True, help=_OUT_HELP)
    s.add_argument("--modules", help="comma-separated module ids (default: every ready module)")
    s.add_argument("--exercises", action="store_true",
                   help="add the exercise pages (questions only, never solutions)")
    s.add_argument("--no-cache", action="store_true",
                   help="execute every lesson again instead of reusing build/site-cache/")
    s.add_argument("--jobs", type=int, default=None,
                   help="lessons executed at once (default: up to 2)")
    s.add_argument("--force", action="store_true",
                   help="replace a folder that coursekit wrote before")
    s.add_argument("--root", help="project folder (default: this checkout)")
    r = command("class-report", _cmd_class_report, "what the class gets wrong (misconceptions)")
    r.add_argument("source", help="an nbgrader course folder, or a folder of progress stores")
    r.add_argument("--out", required=True, help=_OUT_HELP)
    r.add_argument("--pseudonymise", action="store_true",
                   help="replace student ids by keyed-hash pseudonyms in every table")
    r.add_argument("--force", action="store_true",
                   help="replace a folder that coursekit wrote before")
    command("progress", _cmd_progress, "show exercise progress")
    command("versions", _cmd_versions, "versions and dataset checksums")
    return p


def _describe(exc: OSError) -> str:
    """An OSError as one line: what went wrong and on which path (no traceback)."""
    what = exc.strerror or str(exc) or type(exc).__name__
    paths = [str(p) for p in (exc.filename, exc.filename2) if p]
    return f"{what}: {' -> '.join(paths)}" if paths else what


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        status = args.func(args)
        sys.stdout.flush()  # a closed pipe shows up here, not at interpreter exit
        return status
    except BrokenPipeError:  # e.g. `coursekit versions | head`: the reader has gone
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        except (OSError, ValueError):
            pass
        return 0
    except (ValueError, TypeError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        message = str(exc) if isinstance(exc, (FileExistsError, FileNotFoundError)) \
            and not exc.filename else _describe(exc)
        print(f"error: {message}", file=sys.stderr)
        return 2


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

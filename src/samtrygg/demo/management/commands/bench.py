"""`samtrygg bench NAME [--n N]`: run a benchmark from the checkout's bench/ folder in a throwaway database.

Each benchmark measures the product against a baseline in the same run and returns its figures; the command
prints them as one JSON object on its last line (docs/performance.md)."""

import importlib.util
import json
import os
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

import samtrygg

BENCH_DIR = Path(samtrygg.__file__).resolve().parents[2] / "bench"


def available() -> list[str]:
    return sorted(p.stem for p in BENCH_DIR.glob("*.py") if not p.stem.startswith("_"))


def load(name: str):
    """The benchmark module bench/NAME.py (with bench/ on sys.path, for its _support.py)."""
    if str(BENCH_DIR) not in sys.path:
        sys.path.insert(0, str(BENCH_DIR))
    spec = importlib.util.spec_from_file_location(f"samtrygg_bench_{name}", BENCH_DIR / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class Command(BaseCommand):
    help = "Run a benchmark from bench/ (in a throwaway database) and print its figures as JSON on the last line."

    def add_arguments(self, parser):
        parser.add_argument("name", help="benchmark: " + ", ".join(available()))
        parser.add_argument("--n", type=int, default=None, help="number of incidents (default: the benchmark's own)")
        parser.add_argument("--seed", type=int, default=2023)
        parser.add_argument("--keep", action="store_true",
                            help="map, aggregate, lagesbild, list: keep the loaded database and reuse it next time")
        parser.add_argument("--show", action="store_true", help="privacy: print a sample of findings on real texts")
        parser.add_argument("--via-command", action="store_true", help="privacy: score `samtrygg privacy-scan`")

    def handle(self, *args, name, n, seed, keep, show, via_command, **options):
        if name not in available():
            raise CommandError(f"No benchmark {name!r} in {BENCH_DIR} (there are: {', '.join(available())}).")
        if keep:
            os.environ["SAMTRYGG_BENCH_KEEP"] = "1"  # read by bench/_support.loaded
        module = load(name)
        kwargs = {"seed": seed, "log": lambda text: self.stderr.write(text)}
        if n is not None:
            kwargs["n"] = n
        kwargs.update({key: True for key, value in (("show", show), ("via_command", via_command)) if value})
        figures = module.run(**kwargs)
        self.stdout.write(json.dumps(figures, ensure_ascii=False, sort_keys=False))

import io
import json
import sys

from django.core.management.base import BaseCommand

from samtrygg.lib import privacy


class Command(BaseCommand):
    help = (
        "Read lines of text on standard input (UTF-8) and print, for each line, one JSON object with the personal "
        'data found in it: {"line": 1, "findings": [{"kind": "phone", "start": 10, "end": 22}]}. Lines count from '
        "1, offsets are characters within the line (end exclusive). The found text is printed only with --show."
    )
    requires_system_checks = []
    stealth_options = ("stdin",)

    def add_arguments(self, parser):
        parser.add_argument("--show", action="store_true", help="also print the found text itself")

    def handle(self, *args, show, **options):
        # UTF-8 whatever the locale; a byte-order mark is dropped, undecodable bytes do not stop the scan.
        stream = options.get("stdin") or io.TextIOWrapper(sys.stdin.buffer, encoding="utf-8-sig", errors="replace")
        for number, line in enumerate(stream, start=1):
            text = line.rstrip("\r\n")
            findings = [
                {"kind": f.kind, "start": f.start, "end": f.end, **({"text": text[f.start : f.end]} if show else {})}
                for f in privacy.find_personal_data(text)
            ]
            self.stdout.write(json.dumps({"line": number, "findings": findings}, ensure_ascii=False))
            self.stdout.flush()

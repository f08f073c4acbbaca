"""Every environment variable the settings read is documented, with its default, in .env.example and the README."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SETTINGS = ROOT / "src" / "samtrygg" / "settings.py"


def settings_variables() -> set[str]:
    return set(re.findall(r'env(?:_bool|_list)?\("([A-Z0-9_]+)"', SETTINGS.read_text(encoding="utf-8")))


def test_settings_read_variables():
    assert {"DATABASE_URL", "SAMTRYGG_SECRET_KEY", "SAMTRYGG_DATA_DIR"} <= settings_variables()


def test_every_variable_is_in_env_example():
    listed = set(re.findall(r"^([A-Z0-9_]+)=", (ROOT / ".env.example").read_text(encoding="utf-8"), re.M))
    assert settings_variables() - listed == set()


def test_every_variable_is_in_readme_table():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"^\| `([A-Z0-9_]+)` \|", readme, re.M))
    assert settings_variables() - documented == set()


def test_readme_quick_start_has_exactly_two_commands():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    quick_start = readme.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```sh\n(.*?)```", quick_start, re.S)
    commands = [line for block in blocks for line in block.splitlines() if line.strip()]
    assert commands == ["./dev start", "./dev test"]


def test_lockout_parameters_can_be_combined(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SAMTRYGG_", "DJANGO_"))}
    env.update(SAMTRYGG_DATA_DIR=str(tmp_path), SAMTRYGG_LOGIN_LOCKOUT_PARAMETERS="username+ip_address, username")
    code = "import json, samtrygg.settings as s; print(json.dumps(s.AXES_LOCKOUT_PARAMETERS))"
    out = subprocess.run(  # noqa: S603 - our own interpreter and code
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    ).stdout
    assert json.loads(out) == [["username", "ip_address"], "username"]

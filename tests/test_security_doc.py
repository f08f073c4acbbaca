"""The OWASP ASVS 4.0.3 Level 2 map in docs/security.md ("OWASP ASVS 4.0 Level 2") is a list of promises an
IT-security officer checks one by one, so it must stay true as the code moves:

- every Level 2 requirement (docs/asvs-4.0.3-level2-ids.txt, taken from OWASP's own list) has exactly one row, in
  the table of its chapter, with one of the four statuses and a control;
- every file the section names (src/…, tests/…, docs/…, .ci/…, README.md, pyproject.toml) exists, every
  `file.py::name` is defined in that file (a function, class, method or setting), every `file.md#anchor` is a
  heading there, and every test named in the test column is a test function of its file.

The second half checks behaviour the map promises and no other test pins: the security headers, the session
cookie, logout, CSRF, the login's redirect, the API's content types and escaping in pages."""

import ast
import re
from collections import Counter
from functools import cache
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore
from django.test import Client

from personas import PASSWORD, make_area

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "security.md"
IDS = ROOT / "docs" / "asvs-4.0.3-level2-ids.txt"
HEADING = "## OWASP ASVS 4.0 Level 2"
NEXT_HEADING = "## Known gaps"
STATUSES = {"met", "partly", "not met", "not applicable"}
NO_TEST = "—"
ID = re.compile(r"^V(\d+)\.\d+\.\d+$")
CHAPTER = re.compile(r"^### (V\d+)\b")
# A file of the repository, optionally with ::name (a definition in a Python file) or #anchor (a Markdown heading).
REFERENCE = re.compile(
    r"(?<![\w./-])((?:src|tests|docs|\.ci|bench|scripts)/[\w./-]*\w|README\.md|pyproject\.toml)"
    r"(?:::([A-Za-z_](?:[\w.]*\w)?)|#([\w-]+))?"
)


# --- reading the section ------------------------------------------------------------------------------------------

def section(text: str) -> list[str]:
    lines = text.splitlines()
    start = lines.index(HEADING)
    end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("## ")), len(lines))
    return lines[start:end]


def rows(lines: list[str]) -> list[tuple[str, list[str]]]:
    """(chapter heading, cells) of every table row that maps a requirement."""
    found, chapter = [], ""
    for line in lines:
        if match := CHAPTER.match(line):
            chapter = match.group(1)
        elif line.startswith("| V"):
            found.append((chapter, [cell.strip() for cell in line.strip().strip("|").split("|")]))
    return found


@cache
def python_names(path: Path) -> frozenset[str]:
    """Dotted names defined in a Python file: functions, classes, their methods and module-level assignments (also
    inside module-level if/try blocks, as settings are)."""
    names = set()

    def walk(body, prefix=""):
        for node in body:
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                names.add(prefix + node.name)
                if isinstance(node, ast.ClassDef):
                    walk(node.body, f"{prefix}{node.name}.")
            elif isinstance(node, ast.Assign | ast.AnnAssign):
                for target in node.targets if isinstance(node, ast.Assign) else [node.target]:
                    if isinstance(target, ast.Name):
                        names.add(prefix + target.id)
            elif isinstance(node, ast.If | ast.Try | ast.With):
                for block in (node.body, getattr(node, "orelse", []), getattr(node, "finalbody", []),
                              *(handler.body for handler in getattr(node, "handlers", []))):
                    walk(block, prefix)

    walk(ast.parse(path.read_text(encoding="utf-8")).body)
    return frozenset(names)


@cache
def markdown_anchors(path: Path) -> frozenset[str]:
    """GitHub's anchors of the headings of a Markdown file."""
    anchors = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            title = line.lstrip("#").strip().lower()
            anchors.add(re.sub(r"[^\w\- ]", "", title).replace(" ", "-"))
    return frozenset(anchors)


def reference_problem(path: str, name: str | None, anchor: str | None, root: Path = ROOT) -> str | None:
    """Why a reference does not hold, or None."""
    file = root / path
    if not file.exists():
        return f"{path} does not exist"
    if name:
        if file.suffix != ".py" or not file.is_file():
            return f"{path}::{name}: only a Python file has named definitions"
        if name not in python_names(file):
            return f"{path}::{name} is not defined in {path}"
    if anchor and anchor not in markdown_anchors(file):
        return f"{path}#{anchor}: no such heading"
    return None


def problems_of_test_column(cell: str) -> list[str]:
    """The test column names tests (tests/….py::test_…) or says that there is none."""
    references = REFERENCE.findall(cell)
    if cell == NO_TEST:
        return []
    if not references:
        return [f"names no test and is not {NO_TEST!r}: {cell!r}"]
    return [f"{path}::{name} is not a test" for path, name, _ in references
            if not (path.startswith("tests/") and name.rpartition(".")[2].startswith("test_"))]


@pytest.fixture(scope="module")
def mapped():
    return rows(section(DOC.read_text(encoding="utf-8")))


def level_2_ids() -> list[str]:
    return [line.strip() for line in IDS.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")]


# --- the map ------------------------------------------------------------------------------------------------------

def test_the_id_list_is_asvs_level_2():
    ids = level_2_ids()
    assert all(ID.match(i) for i in ids), [i for i in ids if not ID.match(i)]
    assert len(ids) == len(set(ids)) == 260  # the Level 2 rows of OWASP's 4.0.3 CSV (see the file's header)
    assert {ID.match(i).group(1) for i in ids} == {str(n) for n in range(1, 15)}


def test_every_level_2_requirement_has_exactly_one_row_in_its_chapter(mapped):
    counts = Counter(cells[0] for _, cells in mapped)
    expected = set(level_2_ids())
    assert not expected - set(counts), f"not mapped: {sorted(expected - set(counts))}"
    assert not set(counts) - expected, f"not a Level 2 requirement: {sorted(set(counts) - expected)}"
    assert not [i for i, n in counts.items() if n > 1], "mapped twice"
    misplaced = [cells[0] for chapter, cells in mapped if not cells[0].startswith(chapter + ".")]
    assert not misplaced, f"in another chapter's table: {misplaced}"


def test_every_row_has_a_status_a_control_and_its_tests(mapped):
    problems = []
    for _, cells in mapped:
        if len(cells) != 5:
            problems.append(f"{cells[0]}: {len(cells)} columns, not 5")
            continue
        requirement_id, requirement, status, control, tests = cells
        if not requirement:
            problems.append(f"{requirement_id}: no requirement")
        if status not in STATUSES:
            problems.append(f"{requirement_id}: status {status!r} is not one of {sorted(STATUSES)}")
        if len(control) < 20:  # a control, or the reason why not applicable or what is missing
            problems.append(f"{requirement_id}: the control column says too little: {control!r}")
        problems += [f"{requirement_id}: test column {p}" for p in problems_of_test_column(tests)]
    assert not problems, "\n".join(problems)


def test_the_summary_counts_the_rows(mapped):
    lines = section(DOC.read_text(encoding="utf-8"))
    summary = next(line for line in lines if line.startswith("Summary: "))
    counts = Counter(cells[2] for _, cells in mapped)
    assert summary == (f"Summary: {counts['met']} met, {counts['partly']} partly, {counts['not met']} not met, "
                       f"{counts['not applicable']} not applicable (of {len(mapped)}).")


def test_every_referenced_file_definition_heading_and_test_exists():
    lines = section(DOC.read_text(encoding="utf-8"))
    references = {match for line in lines for match in REFERENCE.findall(line)}
    assert len(references) > 100  # the map names its controls and tests
    problems = sorted({p for path, name, anchor in references if (p := reference_problem(path, name, anchor))})
    assert not problems, "\n".join(problems)


def test_the_section_stands_just_before_known_gaps():
    headings = [line for line in DOC.read_text(encoding="utf-8").splitlines() if line.startswith("## ")]
    assert headings[headings.index(HEADING) + 1] == NEXT_HEADING


def test_the_checks_find_what_does_not_hold(tmp_path):
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "m.py").write_text("X = 1\nif X:\n    Y = 2\nclass C:\n    def f(self): ...\n")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "d.md").write_text("# Title\n## Known gaps\n")
    assert reference_problem("src/m.py", "C.f", None, tmp_path) is None
    assert reference_problem("src/m.py", "Y", None, tmp_path) is None
    assert reference_problem("docs/d.md", None, "known-gaps", tmp_path) is None
    assert "does not exist" in reference_problem("src/gone.py", None, None, tmp_path)
    assert "not defined" in reference_problem("src/m.py", "C.g", None, tmp_path)
    assert "no such heading" in reference_problem("docs/d.md", None, "audit-log", tmp_path)
    assert problems_of_test_column("`src/m.py::X`") == ["src/m.py::X is not a test"]
    assert problems_of_test_column("nothing") and not problems_of_test_column(NO_TEST)
    cells = rows(["### V3 Sessions", "| V3.1.1 | short | met | `src/m.py::X` here | — |"])
    assert cells == [("V3", ["V3.1.1", "short", "met", "`src/m.py::X` here", "—"])]
    assert REFERENCE.findall("see `tests/test_api.py::test_it_refuses_requests_without_a_bearer_token`.") == [
        ("tests/test_api.py", "test_it_refuses_requests_without_a_bearer_token", "")]


# --- promises no other test pins ----------------------------------------------------------------------------------

@pytest.mark.django_db
def test_pages_carry_the_security_headers(client):
    page = client.get("/accounts/login/")
    assert page.status_code == 200
    assert page["Content-Type"] == "text/html; charset=utf-8"
    policy = dict(part.strip().split(" ", 1) for part in page["Content-Security-Policy"].split(";"))
    assert policy["default-src"] == "'self'" and policy["object-src"] == "'none'"
    assert policy["frame-ancestors"] == "'none'" and policy["base-uri"] == "'self'"
    assert re.fullmatch(r"'self' 'nonce-[\w+/=-]+'", policy["script-src"])
    assert "unsafe" not in page["Content-Security-Policy"]
    for response in (page, client.get("/no-such-page/"), client.get("/api/v1/incidents/")):
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["X-Frame-Options"] == "DENY"
        assert response["Referrer-Policy"] == "same-origin"
        assert response["Cross-Origin-Opener-Policy"] == "same-origin"


@pytest.mark.django_db
def test_the_session_cookie_is_http_only_same_site_and_renewed_at_login(world):
    client = Client()
    before = SessionStore()
    before["language"] = "sv"
    before.create()
    client.cookies[settings.SESSION_COOKIE_NAME] = before.session_key
    response = client.post("/accounts/login/", {"username": "alice", "password": PASSWORD})
    assert response.status_code == 302
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["httponly"] and cookie["samesite"] == "Lax"
    assert not cookie["max-age"] and not cookie["expires"]  # ends with the browser; the server ends it at 8 hours
    assert cookie.value != before.session_key  # a new session key at login (no session fixation)
    assert not SessionStore().exists(before.session_key)


@pytest.mark.django_db
def test_logout_ends_the_session_on_the_server(world):
    client = Client()
    assert client.post("/accounts/login/", {"username": "alice", "password": PASSWORD}).status_code == 302
    key = client.cookies[settings.SESSION_COOKIE_NAME].value
    assert client.get("/").status_code == 200
    assert client.get("/accounts/logout/").status_code == 405  # logout is a POST (with its CSRF token)
    client.post("/accounts/logout/")
    assert not SessionStore().exists(key)
    replay = Client()
    replay.cookies[settings.SESSION_COOKIE_NAME] = key  # the old cookie, e.g. from the back button or a copy
    response = replay.get("/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


@pytest.mark.django_db
def test_a_form_without_its_csrf_token_is_refused(world):
    client = Client(enforce_csrf_checks=True)
    refused = client.post("/accounts/login/", {"username": "alice", "password": PASSWORD})
    assert refused.status_code == 403
    assert "_auth_user_id" not in client.session
    page = client.get("/accounts/login/")
    token = page.context["csrf_token"]
    accepted = client.post("/accounts/login/", {"username": "alice", "password": PASSWORD,
                                                "csrfmiddlewaretoken": str(token)})
    assert accepted.status_code == 302
    assert client.post("/accounts/logout/").status_code == 403  # logged in, still no token: refused
    assert "_auth_user_id" in client.session


@pytest.mark.django_db
def test_the_login_never_redirects_to_another_site(world):
    for target, expected in [("https://evil.example/", "/"), ("//evil.example/x", "/"), ("/areas/", "/areas/")]:
        response = Client().post(f"/accounts/login/?next={target}", {"username": "alice", "password": PASSWORD})
        assert response.status_code == 302
        assert response["Location"] == expected, target


@pytest.mark.django_db
def test_the_api_accepts_and_answers_json_only(world, client):
    from samtrygg.accounts import services

    _, secret = services.api_token_create(actor=world.alice, user=world.alice, name="robot", scope="write")
    bearer = {"Authorization": f"Bearer {secret}"}
    form = client.post("/api/v1/incidents/", {"description": "x"}, headers=bearer)
    assert form.status_code == 415
    html = client.get("/api/v1/categories/", headers={**bearer, "Accept": "text/html"})
    assert html.status_code == 406
    ok = client.get("/api/v1/categories/", headers=bearer)
    assert ok.status_code == 200 and ok["Content-Type"] == "application/json"
    assert settings.SESSION_COOKIE_NAME not in ok.cookies  # the API sets no session
    session_only = Client()
    session_only.force_login(world.alice, backend="samtrygg.accounts.backends.PasswordBackend")
    assert session_only.get("/api/v1/categories/").status_code == 401  # a session cookie is no API credential


@pytest.mark.django_db
def test_names_are_escaped_in_pages(world, login):
    make_area(world.kommun_a, '<script>alert("x")</script>', (17.61, 59.18, 17.62, 59.19), parent=world.area_a)
    page = login(world.alice).get("/areas/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    assert '<script>alert("x")' not in html

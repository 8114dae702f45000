"""docs/api.md, docs/openapi.json and docs/errors.md describe the same API (no drift).

An endpoint is an HTTP method (or several, "PUT/PATCH") followed by a `/v1/...` path.

- The *endpoint tables* of docs/api.md are its Markdown table rows whose first cell
  starts with a method; the endpoint is read from that cell (or from the first two
  cells when the path has a column of its own):

      | PUT/PATCH `/v1/topics/<author>?t_id=N` | owner | ...
      | GET | /v1/orders/{order_no} | ...
      | GET `/v1/orders` / GET `/v1/orders/<order_no>` | ...

  Every operation of openapi.json must be in one of them.
- Every endpoint named anywhere in a table of docs/api.md (the SPA's route table too)
  must be in openapi.json.

Path parameters are compared without their names (`<author>`, `{author}` and `:author`
are the same segment) and query strings are ignored. Rows that say "planned" are not
endpoints yet and are skipped. Paths outside /v1/ (media, the fake cashier) are not
part of openapi.json and are not read. No database, no Django request: files only.
"""
import json
import re
from pathlib import Path

import pytest

DOCS = Path(__file__).resolve().parents[2] / "docs"
API_DOC = DOCS / "api.md"
OPENAPI = DOCS / "openapi.json"
ERRORS = DOCS / "errors.md"

METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")
METHOD = r"(?:%s)" % "|".join(METHODS)
# One or more methods ("GET", "PUT/PATCH", "GET, POST"), then the path, with only
# Markdown decoration (backticks, bold, a cell border) in between.
ENDPOINT = re.compile(
    r"\b(?P<methods>%s(?:\s*(?:/|,|&|\band\b)\s*%s)*)\b[\s`*_|]*(?P<path>/v1/[^\s`|*)\]]*)" % (METHOD, METHOD)
)
PARAM = re.compile(r"<[^<>/]*>|\{[^{}/]*\}|(?<=/):[A-Za-z_]\w*")
ERROR_CODE = re.compile(r"(?<![\d.])(1\d{4})(?![\d.])")


def normalise(path):
    """`/v1/topics/<author>?t_id=N` → `/v1/topics/{}`."""
    path = re.split(r"[?#]", path, maxsplit=1)[0]
    path = PARAM.sub("{}", path)
    return path.rstrip("/.,;:") or "/"


def table_rows(text):
    """The body rows of every Markdown table (header separators skipped), with code
    blocks ignored."""
    in_code = False
    for line in text.splitlines():
        stripped = line.strip()
        if stripped.startswith("```"):
            in_code = not in_code
            continue
        if in_code or not stripped.startswith("|"):
            continue
        if re.fullmatch(r"\|?[\s:|-]+\|?", stripped):  # |---|:--:|
            continue
        yield stripped


def cells(row):
    """A table row's cells (an escaped `\\|` stays inside its cell)."""
    return [cell.strip() for cell in re.split(r"(?<!\\)\|", row.strip().strip("|"))]


def endpoints_in(text):
    for match in ENDPOINT.finditer(text):
        path = normalise(match.group("path"))
        for method in re.findall(METHOD, match.group("methods")):
            yield method, path


def documented_endpoints(text=None, tables_only=True):
    """{(METHOD, normalised path): [the rows naming it]} of docs/api.md: of its
    endpoint tables, or (tables_only=False) of any table row."""
    text = API_DOC.read_text(encoding="utf-8") if text is None else text
    found = {}
    for row in table_rows(text):
        if re.search(r"\bplanned\b", row, re.I):
            continue
        if tables_only:
            row_cells = cells(row)
            if not re.match(r"[\s`*_]*%s\b" % METHOD, row_cells[0]):
                continue
            source = row_cells[0] if "/v1/" in row_cells[0] else " ".join(row_cells[:2])
        else:
            source = row
        for endpoint in endpoints_in(source):
            found.setdefault(endpoint, []).append(row)
    return found


def described_endpoints():
    """{(METHOD, normalised path): "METHOD /openapi/path"} of openapi.json."""
    paths = json.loads(OPENAPI.read_text(encoding="utf-8"))["paths"]
    return {(method.upper(), normalise(path)): f"{method.upper()} {path}"
            for path, item in paths.items() for method in item
            if method.upper() in METHODS}


def test_the_parser_reads_the_table_forms_in_use():
    text = "\n".join([
        "| method, path | auth |",
        "|---|---|",
        "| PUT/PATCH `/v1/users/<username>` | owner |",
        "| GET `/v1/orders` / GET `/v1/orders/<order_no>` | buyer |",
        "| DELETE | /v1/topics/{author}?t_id=N | owner |",
        "| **POST** `/v1/messages/:topic_id` | x |",
        "| GET `/v1/tags` | planned — see issue |",
        "| `/<u>/topics` | list | GET/DELETE `/v1/topics/<author>` |",
        "| POST `/v1/orders` | same answer as GET `/v1/other` |",
        "```",
        "| GET `/v1/in-a-code-block` |",
        "```",
        "GET `/v1/not-in-a-table`",
    ])
    assert set(documented_endpoints(text)) == {
        ("PUT", "/v1/users/{}"), ("PATCH", "/v1/users/{}"),
        ("GET", "/v1/orders"), ("GET", "/v1/orders/{}"),
        ("DELETE", "/v1/topics/{}"), ("POST", "/v1/messages/{}"), ("POST", "/v1/orders"),
    }
    assert set(documented_endpoints(text, tables_only=False)) == {
        *documented_endpoints(text), ("GET", "/v1/topics/{}"), ("DELETE", "/v1/topics/{}"),
        ("GET", "/v1/other"),
    }


def test_the_contract_cites_its_sources():
    text = API_DOC.read_text(encoding="utf-8")
    assert "openapi.json" in text and "errors.md" in text
    for number in range(1, 17):
        assert re.search(rf"^#+\s*{number}\.\s", text, re.M), f"docs/api.md has no section §{number}"


def test_every_openapi_operation_is_in_the_api_doc():
    documented = documented_endpoints()
    missing = sorted(label for key, label in described_endpoints().items()
                     if key not in documented)
    assert missing == [], f"in docs/openapi.json but not in docs/api.md's tables: {missing}"


def test_every_endpoint_of_the_api_doc_is_in_openapi():
    described = described_endpoints()
    extra = sorted(f"{method} {path}  (row: {rows[0][:80]})"
                   for (method, path), rows in documented_endpoints(tables_only=False).items()
                   if (method, path) not in described)
    assert extra == [], f"in docs/api.md's tables but not in docs/openapi.json: {extra}"


def error_codes(text):
    return set(ERROR_CODE.findall(text))


def expand_ranges(text):
    """"10200–10202" in a table cell means 10200, 10201 and 10202; a range spanning
    more than 20 codes is a section heading ("10100–10199"), not a citation."""
    codes = set()
    for low, high in re.findall(r"\b(1\d{4})\s*[–-]\s*(1\d{4})\b", text):
        if 0 < int(high) - int(low) <= 20:
            codes.update(str(code) for code in range(int(low), int(high) + 1))
    return codes


def test_every_error_code_cited_in_the_api_doc_is_documented():
    documented = {code for code in error_codes(ERRORS.read_text(encoding="utf-8"))}
    cited = {code for row in table_rows(API_DOC.read_text(encoding="utf-8"))
             for code in error_codes(row) | expand_ranges(row)}
    unknown = sorted(cited - documented)
    assert unknown == [], f"docs/api.md cites codes docs/errors.md does not list: {unknown}"


@pytest.mark.parametrize("path,expected", [
    ("/v1/topics/<author>?t_id=N", "/v1/topics/{}"),
    ("/v1/topics/{author}", "/v1/topics/{}"),
    ("/v1/users/<str:username>/avatar", "/v1/users/{}/avatar"),
    ("/v1/openapi.json", "/v1/openapi.json"),
    ("/v1/health.", "/v1/health"),
])
def test_normalise(path, expected):
    assert normalise(path) == expected

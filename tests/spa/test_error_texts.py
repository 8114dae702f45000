"""The SPA says every documented error in Chinese: the codes of docs/errors.md,
the codes the API defines (`NAME = 10xxx` in its errors modules) and the table
of static/js/errors.js are read as text (no browser, no Node)."""
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs" / "errors.md"
ERRORS_JS = ROOT / "static" / "js" / "errors.js"

CJK = re.compile(r"[\u4e00-\u9fff]")


def documented_codes():
    """Codes in the first column of the docs' tables: `| 10501 | 400 | ... |`."""
    return {int(code) for code in re.findall(r"^\|\s*(1\d{4})\s*\|", DOCS.read_text(encoding="utf-8"), re.M)}


def defined_codes():
    """Codes the API raises: `LOGIN_FAILED = 10109` in <app>/errors.py, tools/http.py, tools/auth.py."""
    sources = list(ROOT.glob("*/errors.py")) + list((ROOT / "tools").glob("*.py"))
    return {int(code) for path in sources
            for code in re.findall(r"^[A-Z_]+ = (1\d{4})\b", path.read_text(encoding="utf-8"), re.M)}


def spa_texts():
    """{code: the source of its message} from `var byCode = { 10501: ["…"], … };`."""
    source = ERRORS_JS.read_text(encoding="utf-8")
    table = re.search(r"var byCode = \{(.*?)\n  \};", source, re.S)
    assert table, "static/js/errors.js has no `var byCode = {...};` table"
    return {int(code): text for code, text in re.findall(r"^\s*(\d{5}):\s*\[(.*)\],?\s*$", table.group(1), re.M)}


def test_the_docs_list_error_codes():
    codes = documented_codes()
    assert len(codes) > 30
    assert {10001, 10101, 10200, 10301, 10401, 10501, 10505} <= codes


def test_every_documented_error_code_has_a_chinese_text_in_the_spa():
    missing = sorted(documented_codes() - set(spa_texts()))
    assert not missing, f"docs/errors.md codes with no text in static/js/errors.js: {missing}"


def test_every_error_code_the_api_defines_has_a_chinese_text_in_the_spa():
    missing = sorted(defined_codes() - set(spa_texts()))
    assert not missing, f"API error codes with no text in static/js/errors.js: {missing}"


def test_the_spa_translates_no_code_that_does_not_exist():
    stale = sorted(set(spa_texts()) - documented_codes() - defined_codes())
    assert not stale, f"static/js/errors.js translates codes neither documented nor defined: {stale}"


def test_each_error_text_is_chinese():
    not_chinese = {code: text for code, text in spa_texts().items() if not CJK.search(text)}
    assert not not_chinese


def test_payment_errors_say_what_happened():
    texts = spa_texts()
    assert "自己的文章" in texts[10503]
    assert "免费" in texts[10504]
    assert "购买过" in texts[10505]

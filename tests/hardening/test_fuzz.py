"""Schemathesis over every operation of docs/openapi.json against a live server.

The server runs on the embedded default (its own SQLite file, local-memory cache) and
a seeded user `alice` (token below) drives the authenticated operations. Positive and
negative data from three phases (the document's examples, systematic coverage of
each parameter's boundaries, random fuzzing); the whole run must produce no 5xx and
every response must conform to the document. FUZZ_MAX_EXAMPLES and FUZZ_SEED bound
and vary the run (CI keeps the defaults: about 3,000 cases, a minute on two cores).
"""
import json
import os
import re
import subprocess
from pathlib import Path

from tests.hardening.conftest import BIN, REQUEST_TIMEOUT, SERVER_START_TIMEOUT, manage_ok, server_env

HERE = Path(__file__).resolve().parent
MAX_EXAMPLES = os.environ.get("FUZZ_MAX_EXAMPLES", "100")
SEED = os.environ.get("FUZZ_SEED", "1")
# Only stops a hung run: the usual minute can take several on a busy machine.
RUN_TIMEOUT = 1800
# Checks that need state we do not model (positive_data_acceptance: a well-formed
# registration still needs a real SMS code, a well-formed login a real password).
EXCLUDED_CHECKS = "positive_data_acceptance"
# Failures found in code owned elsewhere, accepted until fixed: {operationId: "why"}.
# Each operation listed is left out of the run; delete its entry once the fix is merged.
KNOWN_FAILURES = {}

# alice (topics 1 and 3, comment 2) and bob (paid topic 2, comment 1): the ids of
# tests/hardening/schemathesis.toml and of the document's examples.
SEED_DATA = """
from message.models import Message
from topic.models import Topic
from tools.auth import make_token
from user.models import UserProfile

def user(name, phone):
    return UserProfile.objects.create_user(username=name, password="secret123", phone=phone,
                                           email=f"{name}@example.com", nickname=name)

alice, bob = user("alice", "13800000001"), user("bob", "13800000002")
hello = Topic.objects.create(author=alice, title="hello", category="tec", limit="public",
                             introduce="hi", content="<p>hi</p>")
Topic.objects.create(author=bob, title="paid", category="tec", limit="public",
                     introduce="pay", content="<p>pay</p>", price="9.90")
Topic.objects.create(author=alice, title="spare", category="no-tec", limit="private",
                     introduce="x", content="<p>x</p>")
Message.objects.create(topic=hello, publisher=bob, content="first")
Message.objects.create(topic=hello, publisher=alice, content="mine")
print(make_token(alice))
"""


def run_schemathesis(url, token, workdir):
    report = workdir / "schemathesis.json"
    command = [
        str(BIN / "schemathesis"), "--config-file", str(HERE / "schemathesis.toml"), "run",
        f"{url}/v1/openapi.json", "-H", f"Authorization: Bearer {token}",
        "--phases", "examples,coverage,fuzzing", "--max-examples", MAX_EXAMPLES, "--seed", SEED,
        "--workers", "1", "--exclude-checks", EXCLUDED_CHECKS, "--suppress-health-check", "all",
        "--request-timeout", str(REQUEST_TIMEOUT), "--wait-for-schema", str(SERVER_START_TIMEOUT),
        "--report", "json", "--report-json-path", str(report),
    ]
    for operation_id in KNOWN_FAILURES:
        command += ["--exclude-operation-id", operation_id]
    # One worker: concurrent schemathesis threads trip a CPython 3.11 compiler bug
    # ("AST constructor recursion depth mismatch"). cwd: it keeps a cache folder there.
    result = subprocess.run(command, cwd=workdir, capture_output=True, text=True, timeout=RUN_TIMEOUT)
    return result, json.loads(report.read_text())


def test_fuzz_every_operation_no_5xx_and_conforming(start_server, tmp_path, fuzz_summary):
    env = server_env(tmp_path)
    manage_ok(env, "migrate", "--noinput")
    token = manage_ok(env, "shell", "-c", SEED_DATA).strip().splitlines()[-1]
    server = start_server(env)

    result, report = run_schemathesis(server.url, token, tmp_path)
    log = server.stop()

    cases = report["test_cases"]["generated"]
    operations = report["operations"]
    fuzz_summary.append(f"schemathesis: {cases} cases over {operations['tested']} operations "
                        f"(seed {SEED}, max {MAX_EXAMPLES} examples per operation and phase), "
                        f"{len(KNOWN_FAILURES)} known failures excluded")
    server_errors = [line for line in log.splitlines()
                     if re.search(r"jiuzhi\.request \S+ \S+ 5\d\d ", line)]
    assert server_errors == [], "\n".join(server_errors[:20])
    assert operations["tested"] == operations["selected"] >= 20 - len(KNOWN_FAILURES)
    assert cases > 500
    assert report["exit_code"] == 0, result.stdout[-30000:]

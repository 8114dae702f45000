"""Run the SPA's DOM-free modules (static/js/routes.js, limits.js, errors.js)
under Node, as a page would load them, and hand back what a script prints as
JSON. Tests that need it skip when Node is not installed."""
import json
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
JS = ROOT / "static" / "js"
NODE = shutil.which("node")
SPA_ORIGIN = "http://127.0.0.1:5000"

needs_node = pytest.mark.skipif(NODE is None, reason="node is not installed")

PRELUDE = """
const vm = require("vm");
const fs = require("fs");
const page = new URL(%(page)s);
const window = {
  location: {origin: page.origin, pathname: page.pathname, search: page.search},
  URLSearchParams, URL,
};
vm.createContext(window);
window.window = window;
for (const file of %(files)s) {
  vm.runInContext(fs.readFileSync(file, "utf8"), window, {filename: file});
}
const Blog = window.Blog;
const out = (value) => process.stdout.write(JSON.stringify(value));
"""


def run(script, files=("limits.js", "routes.js", "errors.js"), page=SPA_ORIGIN + "/index"):
    """Loads `files` (in order) into a window-like context, then runs `script`,
    which calls out(value) once; returns that value."""
    prelude = PRELUDE % {"page": json.dumps(page),
                         "files": json.dumps([str(JS / name) for name in files])}
    done = subprocess.run([NODE, "-e", prelude + script], capture_output=True, text=True,
                          timeout=30, check=False)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)

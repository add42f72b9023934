"""teams/formation is a pure algorithm: it must import, and solve, where Django does not exist."""

import ast
import subprocess
import sys
from pathlib import Path

import teams.formation

PACKAGE = Path(teams.formation.__file__).parent
REPO = PACKAGE.parent.parent

SCRIPT = """
import sys
sys.modules["django"] = None  # any `import django...` now raises ImportError
from teams.formation import FormationInput, Person, Project, Role, propose
role = Role("r", "p", {"x": 2}, headcount=1, hours_per_week=4)
inp = FormationInput(people=[Person(1, {"x": 3}, free_hours=8)], projects=[Project("p", (role,))])
assert propose(inp, solver="exact").assignment() == {"r": (1,)}
assert propose(inp, solver="heuristic").assignment() == {"r": (1,)}
loaded = sorted(m for m in sys.modules if m.split(".")[0] in ("django", "rest_framework", "channels", "celery"))
assert loaded == ["django"], loaded
print("ok")
"""


def test_formation_imports_and_solves_without_django():
    done = subprocess.run([sys.executable, "-c", SCRIPT], cwd=REPO, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "ok"


def test_no_module_of_the_package_imports_django():
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                names = [node.module or ""]
            for name in names:
                assert name.split(".")[0] not in ("django", "rest_framework", "collab"), f"{path.name} imports {name}"

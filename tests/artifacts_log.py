"""Figures the attack tests leave in tests/artifacts/attack_<name>.json (merged key by key, safe under xdist);
scripts/security-report turns them into docs/security.md."""
import fcntl
import json
import os
import tempfile
from pathlib import Path

ARTIFACTS = Path(__file__).parent / "artifacts"


def record(key, value, artifact="accounts"):
    path = ARTIFACTS / f"attack_{artifact}.json"
    ARTIFACTS.mkdir(exist_ok=True)
    with open(Path(tempfile.gettempdir()) / f"attack_{artifact}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        data = json.loads(path.read_text()) if path.exists() else {}
        data[key] = value
        path.write_text(json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n")


def current_test():
    """The running test's id without the file, e.g. 'test_catalogue_items_in_excel[secret]'."""
    return os.environ.get("PYTEST_CURRENT_TEST", "?").split("::")[-1].rsplit(" ", 1)[0]

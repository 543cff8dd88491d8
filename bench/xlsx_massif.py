#!/usr/bin/python3
"""xlsx_massif.py — reads a valgrind massif output (run with --detailed-freq=1) and prints the
peak heap of the whole process and the peak heap held by the export call (allocations with the
core's export_run on their stack: the plugin, libxlsxwriter and the host services it calls;
the plugin's own frames show as ??? because it is unloaded before massif writes its output).
/usr/bin/time shows only the process's peak, which loading a large profile dominates; this
shows what the export itself holds, the figure [xlsx] constant_memory changes. Allocations
below massif's threshold are not in its trees: run it with a small --threshold.

Usage: xlsx_massif.py MASSIF_OUT   → prints "TOTAL_PEAK_BYTES EXPORT_PEAK_BYTES"
"""
import re
import sys

NODE = re.compile(r"^( *)n\d+: (\d+) (.*)$")


def snapshot_export_bytes(lines):
    """Bytes allocated below export_run: the export_run nodes lie on disjoint call paths."""
    total = 0
    for line in lines:
        m = NODE.match(line)
        if m and " export_run (" in m.group(3):
            total += int(m.group(2))
    return total


def main():
    peak_total = peak_plugin = 0
    heap = 0
    tree = []
    with open(sys.argv[1], encoding="utf-8", errors="replace") as f:
        for line in f:
            if line.startswith("snapshot="):
                if tree:
                    peak_plugin = max(peak_plugin, snapshot_export_bytes(tree))
                tree = []
            elif line.startswith("mem_heap_B="):
                heap = int(line.split("=")[1])
                peak_total = max(peak_total, heap)
            elif line.startswith(" ") or line.startswith("n"):
                tree.append(line.rstrip("\n"))
    if tree:
        peak_plugin = max(peak_plugin, snapshot_export_bytes(tree))
    print(peak_total, peak_plugin)


if __name__ == "__main__":
    main()

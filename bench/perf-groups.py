#!/usr/bin/env python3
"""Groups a `perf record -g` CPU profile of the bot (bench/run.sh PERF_OUT=…) by thread and by code area.

Usage: perf script -i perf.data -F tid,comm,ip,sym,dso | bench/perf-groups.py [TOP]
Prints: samples per thread name; the exclusive share of each area (the sampled leaf frame's area); the inclusive
share of each area (samples with at least one frame of it on the stack); the top inclusive managed frames.
"""
import re
import sys
from collections import Counter

AREAS = [  # first match wins; on the frame's symbol text (managed: "[Assembly] Namespace.Type::Method")
    ("ours", re.compile(r"\[PestProtocol\.")),
    ("EF Core", re.compile(r"\[Microsoft\.EntityFrameworkCore")),
    ("SQLite (ADO.NET)", re.compile(r"\[Microsoft\.Data\.Sqlite|SQLitePCL")),
    ("Npgsql", re.compile(r"\[Npgsql")),
    ("System.Text.Json", re.compile(r"\[System\.Text\.Json\]")),
    ("Kestrel/ASP.NET", re.compile(r"\[Microsoft\.AspNetCore")),
    ("DI/Extensions", re.compile(r"\[Microsoft\.Extensions")),
    ("Linq.Expressions", re.compile(r"\[System\.Linq\.Expressions\]")),
    ("OpenTelemetry/Diagnostics", re.compile(r"\[OpenTelemetry|\[System\.Diagnostics\.DiagnosticSource\]")),
    ("HttpClient", re.compile(r"\[System\.Net\.Http\]")),
]
DSO_AREAS = [
    ("SQLite native", "libe_sqlite3"),
    ("JIT (libclrjit)", "libclrjit"),
    ("runtime native (GC, stubs, type system)", "libcoreclr"),
    ("kernel", "kallsyms"),
    ("libc", "libc.so"),
]


def area_of(sym: str, dso: str) -> str:
    for name, rx in AREAS:
        if rx.search(sym):
            return name
    for name, needle in DSO_AREAS:
        if needle in dso:
            return name
    if dso.endswith(".dll") or "[JIT]" in dso or "perf-" in dso:
        return "other managed (CoreLib, BCL, stubs)"
    return "other native"


def short(sym: str) -> str:
    key = re.sub(r"^.*?\[([^\]]+)\]\s*", "", sym, count=1)
    key = re.sub(r"\(.*$", "", key)
    key = re.sub(r"\+<(\w+)>d__\d+(`\d+)?(\[[^\]]*\])?::MoveNext", r"::\1", key)
    return key.replace("PestProtocol.", "")


def samples(lines):
    head, frames = None, []
    for line in lines:
        line = line.rstrip("\n")
        if not line:
            if head is not None:
                yield head, frames
            head, frames = None, []
        elif not line.startswith("\t") and not line.startswith(" "):
            head = line
        else:
            m = re.match(r"\s*([0-9a-f]+)\s+(.*)\s+\((.*)\)$", line)
            if m:
                frames.append((m.group(2), m.group(3)))
    if head is not None:
        yield head, frames


def main():
    top = int(sys.argv[1]) if len(sys.argv) > 1 else 30
    total = 0
    threads, excl, incl, frames_incl, nearest = Counter(), Counter(), Counter(), Counter(), Counter()
    for head, frames in samples(sys.stdin):
        if not frames:
            continue
        total += 1
        thread = re.sub(r"\s+\d+\s*$", "", head).strip()
        threads[re.sub(r"\s*#?\d+$", "", thread)] += 1
        excl[area_of(*frames[0])] += 1
        for a in {area_of(s, d) for s, d in frames}:
            incl[a] += 1
        ours = next((s for s, d in frames if "[PestProtocol." in s and "::" in s), None)
        nearest[short(ours) if ours else "(no PestProtocol frame: runtime, JIT, Kestrel, timers)"] += 1
        seen = set()
        for s, d in frames:
            if "[" in s and "::" in s:
                key = re.sub(r"\[(OptimizedTier1|Optimized|Tier0|Tier1|PreJIT|QuickJitted|OptimizedTier1OSR|Instrumented[^\]]*)\]$", "", s)
                key = re.sub(r"^.*?\[([^\]]+)\]\s*", r"[\1] ", key, count=1)
                key = re.sub(r"\(.*$", "", key)
                if key not in seen:
                    seen.add(key)
                    frames_incl[key] += 1
    pct = lambda n: f"{100.0 * n / total:5.1f} %"
    print(f"{total} samples")
    print("\n== by thread ==")
    for k, v in threads.most_common(12):
        print(f"{pct(v)}  {k}")
    print("\n== exclusive (leaf frame's area) ==")
    for k, v in excl.most_common():
        print(f"{pct(v)}  {k}")
    print("\n== inclusive (area anywhere on the stack) ==")
    for k, v in incl.most_common():
        print(f"{pct(v)}  {k}")
    print(f"\n== nearest PestProtocol frame (the sample's CPU charged to our innermost frame on its stack), top {top} ==")
    for k, v in nearest.most_common(top):
        print(f"{pct(v)}  {k[:170]}")
    print(f"\n== top {top} managed frames, inclusive ==")
    for k, v in frames_incl.most_common(top):
        print(f"{pct(v)}  {k[:170]}")


if __name__ == "__main__":
    main()

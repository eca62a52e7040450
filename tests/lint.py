#!/usr/bin/env python3
"""make lint: what a reviewer of mjpipe would otherwise say by hand (style.md).

Usage: lint.py [TOP_SRCDIR]

Checks src/ (the programs and src/lib/) for:
  - an include circle among modules (NAME.c with NAME.h; A -> B when A.c
    or A.h includes "B.h"), named at each #include that closes one;
  - a line over 80 columns (tabs to 8);
  - fprintf(stderr outside the diagnostics module (src/lib/diag.c);
  - an exported function with no caller outside its own file (tests do
    not count: what only a test calls is static or gone), unless its
    declaration's comment says "tested alone" (a piece exposed for its
    unit test);
  - a .c file over 800 lines;
  - "out of memory" said through diag: it allocates, so with memory
    exhausted it recursed until the stack overflowed (xalloc_oom).
Each offence is printed as FILE:LINE: what; exit status 1 if any.
"""
import os
import re
import sys

MAX_COLS = 80
MAX_LINES = 800
DIAG_MODULE = os.path.join("src", "lib", "diag.c")

INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)\.h"')
# KNF: the return type on its own line, the name at column 0
DEFINITION = re.compile(r"^([A-Za-z_][A-Za-z0-9_]*)\(")
WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def sources(top):
    out = []
    for d, _, files in os.walk(os.path.join(top, "src")):
        for f in sorted(files):
            if f.endswith((".c", ".h")):
                out.append(os.path.relpath(os.path.join(d, f), top))
    return sorted(out)


def strip_comments_and_strings(text):
    """The code alone: comments, string and character literals blanked,
    line breaks kept so that line numbers stay right."""
    out = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if text.startswith("/*", i):
            j = text.find("*/", i + 2)
            j = n if j == -1 else j + 2
            out.append(re.sub(r"[^\n]", " ", text[i:j]))
            i = j
        elif text.startswith("//", i):
            j = text.find("\n", i)
            j = n if j == -1 else j
            out.append(" " * (j - i))
            i = j
        elif c in "\"'":
            j = i + 1
            while j < n and text[j] != c and text[j] != "\n":
                j += 2 if text[j] == "\\" else 1
            j = min(j + 1, n)
            out.append(c + re.sub(r"[^\n]", " ", text[i + 1:j - 1]) + c)
            i = j
        else:
            out.append(c)
            i += 1
    return "".join(out)


def columns(line):
    col = 0
    for ch in line:
        col = (col // 8 + 1) * 8 if ch == "\t" else col + 1
    return col


def circles(top, files, texts):
    mods, edges, where = set(), {}, {}
    for f in files:
        m = os.path.basename(f)[:-2]
        mods.add(m)
        for no, line in enumerate(texts[f].split("\n"), 1):
            hit = INCLUDE.match(line)
            if hit is None:
                continue
            h = os.path.basename(hit.group(1))
            if h != m:
                edges.setdefault(m, set()).add(h)
                where.setdefault((m, h), (f, no))
    index, low, stack, on, sccs, counter = {}, {}, [], set(), [], [0]
    sys.setrecursionlimit(10000)

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in sorted(edges.get(v, ())):
            if w not in mods:
                continue
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                sccs.append(set(comp))

    for v in sorted(mods):
        if v not in index:
            visit(v)
    out = []
    for comp in sccs:
        names = " ".join(sorted(comp))
        for (a, b), (f, no) in sorted(where.items(), key=lambda x: x[1]):
            if a in comp and b in comp:
                out.append((f, no, "include circle (%s): %s.h" % (names, b)))
    return out


def exported(path, code):
    """(name, line) of each function defined without static."""
    lines = code.split("\n")
    out = []
    for no, line in enumerate(lines, 1):
        hit = DEFINITION.match(line)
        if hit is None or hit.group(1) in ("main", "if", "while", "for",
                                           "switch", "return", "sizeof"):
            continue
        prev = lines[no - 2] if no >= 2 else ""
        # a definition: a return type above, not a statement or a macro
        if not prev.strip() or prev.rstrip().endswith((";", "}", "{", ",",
                                                       "\\")):
            continue
        if re.match(r"^\s*(static|#|typedef)\b", prev) or \
                prev.startswith(("\t", " ")):
            continue
        # a prototype ends in ';' before any '{'
        rest = "\n".join(lines[no - 1:no + 12])
        brace, semi = rest.find("{"), rest.find(";")
        if brace == -1 or (semi != -1 and semi < brace):
            continue
        out.append((hit.group(1), no))
    return out


def tested_alone(name, texts):
    """The header comment just above name's declaration says so."""
    decl = re.compile(r"\b%s\(" % re.escape(name))
    for f, text in texts.items():
        if not f.endswith(".h"):
            continue
        lines = text.split("\n")
        for no, line in enumerate(lines):
            if not decl.search(line):
                continue
            above = [line]
            for back in lines[max(0, no - 8):no][::-1]:
                # up to a blank line or the declaration before (a
                # comment line may end in ';')
                if not back.strip():
                    break
                if back.rstrip().endswith(";") and \
                        not re.match(r"^\s*(/\*|\*)", back):
                    break
                above.append(back)
            if re.search(r"tested\s+(\*\s+)?alone", " ".join(above[::-1]),
                         re.I):
                return True
    return False


def main():
    top = sys.argv[1] if len(sys.argv) > 1 else "."
    files = sources(top)
    texts = {}
    for f in files:
        with open(os.path.join(top, f), encoding="utf-8",
                  errors="replace") as fh:
            texts[f] = fh.read()
    offences = []
    offences += circles(top, files, texts)
    code = {f: strip_comments_and_strings(t) for f, t in texts.items()}
    words = {f: set(WORD.findall(c)) for f, c in code.items()
             if f.endswith(".c")}
    for f in files:
        lines = texts[f].split("\n")
        if lines and lines[-1] == "":
            lines.pop()
        for no, line in enumerate(lines, 1):
            cols = columns(line)
            if cols > MAX_COLS:
                offences.append((f, no, "%d columns (over %d)" %
                                 (cols, MAX_COLS)))
        if f != DIAG_MODULE:
            for no, line in enumerate(code[f].split("\n"), 1):
                if re.search(r"\bfprintf\s*\(\s*stderr\b", line):
                    offences.append((f, no, "fprintf(stderr outside "
                                     "diag.c: use diag.h"))
        for no, line in enumerate(texts[f].split("\n"), 1):
            if re.search(r"\bdiag_\w+\s*\([^;]*\"out of memory\"", line):
                offences.append((f, no, "out of memory through diag, "
                                 "which allocates: use xalloc_oom()"))
        if not f.endswith(".c"):
            continue
        if len(lines) > MAX_LINES:
            offences.append((f, MAX_LINES + 1, "%d lines (over %d)" %
                             (len(lines), MAX_LINES)))
        for name, no in exported(f, code[f]):
            if any(name in w for g, w in words.items() if g != f):
                continue
            if not tested_alone(name, texts):
                offences.append((f, no, "%s: exported, but no other file "
                                 "calls it (static, or remove it)" % name))
    for f, no, what in offences:
        print("%s:%d: %s" % (f, no, what))
    if offences:
        print("lint: %d offences" % len(offences), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""The strict reference for mjpipe's JSON reader, and the checks of the
strict-JSON tests (json-suite.sh, json-differential.sh).

The reference: a line is a record exactly when it is UTF-8 (strict: no
surrogates, no overlongs), Python's json reads it with NaN and Infinity
refused, the value is an object, it nests no deeper than 255 levels
(mjpipe's limit, RFC 8259 section 9, jq 1.6's too), and no key holds a lone surrogate
escape (mjpipe refuses such a line rather than change the key: mjpipe(7)).  What mjpipe writes must read back
under the same reference, equal to what was read, except that a lone
surrogate in a string value becomes U+FFFD (mjpipe(7), "Strict JSON").

Each check prints "0 description" or "1 description", then "# detail"
lines; the shell test turns them into TAP.

usage:
  jsonref.py suite SUITEDIR WORKDIR          write the suite's inputs
  jsonref.py check-submit WORKDIR KIND OUT   KIND y or n: mj-submit -n output
  jsonref.py check-wait WORKDIR KIND OUT     the same for mj-wait
  jsonref.py gen SEED COUNT SUITEDIR FILE    generated lines, one a line
  jsonref.py check-diff FILE OUT             the differential check
"""
import json
import os
import random
import sys

MAX_DEPTH = 255
# room for MAX_DEPTH levels in json.loads and in the walks below
sys.setrecursionlimit(4 * MAX_DEPTH + 1000)
RESERVED = ("task", "submit", "parent", "error", "files", "archive")
FIRST = b'{"prompt":"first line"}'


def refuse_constant(name):
    raise ValueError("not JSON: " + name)


def depth(v):
    """Levels of nesting: {} is 1 (iterative: Python's stack is short)."""
    deepest, todo = 0, [(v, 0)]
    while todo:
        x, d = todo.pop()
        if isinstance(x, dict):
            todo.extend((y, d + 1) for y in x.values())
        elif isinstance(x, list):
            todo.extend((y, d + 1) for y in x)
        else:
            deepest = max(deepest, d)
            continue
        deepest = max(deepest, d + 1)
    return deepest


def read(b):
    """(True, value) if b is one strict JSON text, else (False, None)."""
    try:
        s = b.decode("utf-8")
        v = json.loads(s, parse_constant=refuse_constant)
    except (ValueError, RecursionError):
        return False, None
    if depth(v) > MAX_DEPTH:
        return False, None
    return True, v


def lone_key(b):
    """True if a key anywhere in the text (even one a later duplicate
    replaces) holds a lone surrogate."""
    found = []

    def pairs(kv):
        if any(0xD800 <= ord(c) <= 0xDFFF for k, _ in kv for c in k):
            found.append(True)
        return dict(kv)
    json.loads(b.decode("utf-8"), object_pairs_hook=pairs,
               parse_constant=refuse_constant)
    return bool(found)


def record(b):
    ok, v = read(b)
    return (ok and isinstance(v, dict) and not lone_key(b)), v


def lone_to_fffd(v, in_key=False):
    """What mjpipe writes for v: lone surrogates in values become U+FFFD."""
    if isinstance(v, dict):
        return {k: lone_to_fffd(x) for k, x in v.items()}
    if isinstance(v, list):
        return [lone_to_fffd(x) for x in v]
    if isinstance(v, str):
        return "".join("\ufffd" if 0xD800 <= ord(c) <= 0xDFFF else c
                       for c in v)
    return v


def report(ok, desc, details=()):
    print("%d %s" % (0 if ok else 1, desc))
    for d in list(details)[:20]:
        print("# " + d)


def out_lines(path):
    with open(path, "rb") as f:
        return [ln for ln in f.read().split(b"\n") if ln != b""]


def strict_lines(path):
    """Every output line reads back strictly; the parsed records."""
    bad, recs = [], []
    for ln in out_lines(path):
        ok, v = record(ln)
        if not ok:
            bad.append(repr(ln[:120]))
        recs.append(v)
    return bad, recs


# --- JSONTestSuite ---------------------------------------------------------

def suite(suitedir, work):
    """y.jsonl and n.jsonl, one file a line after a first good line; the
    n_ files that hold a line break (it would split them) go alone."""
    names = sorted(os.listdir(os.path.join(suitedir, "test_parsing")))
    for kind in ("y", "n"):
        lines, listed = [FIRST], []
        for name in names:
            if not name.startswith(kind + "_"):
                continue
            with open(os.path.join(suitedir, "test_parsing", name), "rb") as f:
                b = f.read()
            if kind == "y":
                b = b.replace(b"\n", b" ")  # whitespace only: same value
            elif b.endswith(b"\n"):
                b = b[:-1]                  # trailing whitespace
            if b"\n" in b:
                with open(os.path.join(work, "alone-" + name), "wb") as f:
                    f.write(b)
                continue
            lines.append(b)
            listed.append(name)
        with open(os.path.join(work, kind + ".jsonl"), "wb") as f:
            f.write(b"\n".join(lines) + b"\n")
        with open(os.path.join(work, kind + ".names"), "w") as f:
            f.write("\n".join(listed) + "\n")


def suite_inputs(work, kind):
    with open(os.path.join(work, kind + ".names")) as f:
        names = f.read().split()
    with open(os.path.join(work, kind + ".jsonl"), "rb") as f:
        lines = f.read().split(b"\n")[1:len(names) + 1]
    # line numbers: the first good line is 1
    return [(n, ln, i + 2) for i, (n, ln) in enumerate(zip(names, lines))]


def blank(b):
    return b.strip(b" \t\r") == b""


def by_line(recs):
    m = {}
    for r in recs:
        if isinstance(r, dict) and isinstance(r.get("error"), dict) and \
                "line" in r["error"]:
            m[r["error"]["line"]] = r
    return m


def input_error(r):
    return isinstance(r, dict) and isinstance(r.get("error"), dict) and \
        r["error"].get("stage") == "input"


def not_object(r):
    return input_error(r) and "not an object" in r["error"]["message"]


def check_submit(work, kind, out):
    bad, recs = strict_lines(out)
    report(not bad, "%s_: every line mj-submit wrote is strict JSON" % kind,
           bad)
    inputs = [x for x in suite_inputs(work, kind) if not blank(x[1])]
    lines = by_line(recs)
    wrong, objects, others = [], 0, 0
    if kind == "n":
        for name, b, lno in inputs:
            r = lines.get(lno)
            if not input_error(r) or not_object(r):
                wrong.append("%s: %s" % (name, json.dumps(r)[:200]))
            ok, _ = read(b)
            if ok:
                wrong.append("%s: the reference reads it" % name)
        report(not wrong, "n_: all %d refused as not JSON, each an input "
               "error record naming its line" % len(inputs), wrong)
        return
    # y_: in order, one record a line after the first
    recs = recs[1:]
    if len(recs) != len(inputs):
        report(False, "y_: one record per file", ["%d records for %d files"
               % (len(recs), len(inputs))])
        return
    for (name, b, lno), r in zip(inputs, recs):
        ok, v = read(b)
        if not ok:
            wrong.append("%s: the reference refuses it" % name)
        elif isinstance(v, dict):
            objects += 1
            got = {k: x for k, x in r.items() if k not in ("submit",)}
            if isinstance(got.get("error"), dict) and \
                    got["error"].get("stage") == "submit":
                del got["error"]    # no prompt: read, not submitted
            if input_error(r) or got != lone_to_fffd(v):
                wrong.append("%s: %s" % (name, json.dumps(r)[:200]))
        else:
            others += 1
            if not not_object(r) or r.get("input") != b.decode().rstrip("\r"):
                wrong.append("%s: %s" % (name, json.dumps(r)[:200]))
    report(not wrong, "y_: %d objects read as records, every value kept; "
           "%d other values refused as 'not an object' with the raw line"
           % (objects, others), wrong)


def check_wait(work, kind, out):
    bad, recs = strict_lines(out)
    report(not bad, "%s_: every line mj-wait wrote is strict JSON" % kind,
           bad)
    inputs = [x for x in suite_inputs(work, kind) if not blank(x[1])]
    lines = by_line(recs)
    passed = [r for r in recs if isinstance(r, dict) and "error" not in r]
    wrong, ids = [], 0
    if kind == "n":
        for name, b, lno in inputs:
            r = lines.get(lno)
            meant = b.lstrip(b" \t")[:1] in (b"{", b"[")
            if r is None or not isinstance(r.get("error"), dict):
                wrong.append("%s: no error record" % name)
            elif meant and not input_error(r):
                wrong.append("%s: %s" % (name, json.dumps(r)[:200]))
            elif not input_error(r):
                ids += 1    # one word, not JSON: a bare task id
        if len(passed) != 1:
            wrong.append("%d records without an error" % len(passed))
        report(not wrong, "n_: none of %d read as a record: %d input "
               "errors, %d words asked for as bare task ids"
               % (len(inputs), len(inputs) - ids, ids), wrong)
        return
    want, objects = [], 0
    for name, b, lno in inputs:
        ok, v = read(b)
        if isinstance(v, dict):
            objects += 1
            want.append(json.dumps(lone_to_fffd(v), sort_keys=True))
            continue
        r = lines.get(lno)
        if isinstance(v, (int, float)) and not isinstance(v, bool) or \
                isinstance(v, str) and v and \
                all(c > " " and c not in '"\\{}[],\x7f' for c in v):
            # a word: a bare task id the server does not know
            good = r is not None and r["error"].get("stage") == "wait"
        else:
            good = not_object(r)
        if not good:
            wrong.append("%s: %s" % (name, json.dumps(r)[:200]))
    got = sorted(json.dumps(r, sort_keys=True) for r in passed
                 if r != {"prompt": "first line"})
    if got != sorted(want):
        wrong.append("records passed through differ from the objects read")
    report(not wrong, "y_: %d objects pass through whole; numbers and "
           "one-word strings are task ids; arrays, true, false, null and "
           "other strings are input errors"
           % objects, wrong)


# --- the differential test ---------------------------------------------------

SNIPPETS = [b'"', b"'", b"\\", b"\\u", b"\\ud800", b"\\udc00", b"\\u0000",
            b"\\ud83d\\ude00", b"\\x", b"0", b"-", b"+", b".", b"e", b"E",
            b"01", b"-0", b"1.", b".5", b"1e", b"1e+", b"NaN", b"Infinity",
            b"-Infinity", b"true", b"True", b"nul", b",", b":", b"{", b"}",
            b"[", b"]", b" ", b"\t", b"\r", b"\x00", b"\x01", b"\x1f",
            b"\x7f", b"\x80", b"\xc0\xaf", b"\xed\xa0\x80", b"\xef\xbb\xbf",
            b"\xf4\x90\x80\x80", b"\xc3\xa9", b"\xe2\x82\xac",
            b"\xf0\x9f\x98\x80", b"\xff", b"\x0c", b"/", b"\\/", b"1E400",
            b"123456789012345678901234567890", b"9223372036854775808",
            b"-9223372036854775809", b"18446744073709551616"]


def rand_number(rnd):
    s = rnd.choice(["", "-"])
    s += rnd.choice(["0", str(rnd.randint(1, 9)) +
                     "".join(rnd.choice("0123456789")
                             for _ in range(rnd.randint(0, 25)))])
    if rnd.random() < 0.4:
        s += "." + "".join(rnd.choice("0123456789")
                           for _ in range(rnd.randint(1, 8)))
    if rnd.random() < 0.3:
        s += rnd.choice("eE") + rnd.choice(["", "+", "-"]) + \
            str(rnd.randint(0, 500))
    return s


def rand_string(rnd):
    out = []
    for _ in range(rnd.randint(0, 8)):
        c = rnd.random()
        if c < 0.5:
            out.append(rnd.choice("abc xyz_-/é€😀\u2028"))
        elif c < 0.8:
            out.append(rnd.choice(['\\n', '\\t', '\\"', '\\\\', '\\/',
                                   '\\u00e9', '\\u0000', '\\ud83d\\ude00',
                                   '\\ud800', '\\udfff', '\\u001f',
                                   '\\b', '\\f', '\\r', '\\uD834\\uDD1E']))
        else:
            out.append(chr(rnd.choice([0x7f, 0x80, 0xa0, 0xfeff, 0xfffd,
                                       0x10ffff, 0x10000])))
    return '"' + "".join(out) + '"'


def ws(rnd):
    return "".join(rnd.choice(" \t\r\n") for _ in range(rnd.randint(0, 2))) \
        if rnd.random() < 0.3 else ""


# tokens at the edge of the grammar, put where a value goes: most are
# not JSON, some are (the reader must tell which)
EDGES = ["1.", "-", "01", "-01", "-0", "00", ".5", "-.5", "1e", "1e+", "1E-",
         "+1", "1.e3", "0.e1", "2.E5", "1.5e", "0x1F", "1_000", "1e5.5",
         "NaN", "Infinity", "-Infinity", "nan", "inf", "tru", "True", "nul",
         "NULL", "'a'", '"\\x41"', '"\\u12"', '"\\u12G4"', '"\\ud800"',
         '"\\uDFFF\\uD800"', '"a\tb"', '"a\x00b"', '"a\x1fb"', '"\x7f"',
         '"\\\'"', '"\\a"', "[1,]", "[,1]", "{,}", '{"a"}', '{"a":}',
         '{"a" 1}', "[1 2]", "[1,,2]", "\u0661", "\u22121", '"\u2028"',
         "\ufeff1", "1\u00a0", "[]]", "{}}", "[", '"', "0.0e+00",
         "1E400", "-1e-400", "123456789012345678901234567890", "true false"]


def rand_value(rnd, d=0):
    c = rnd.random()
    if c < 0.01:
        return rnd.choice(EDGES)
    if d < 6 and c < 0.15:
        return "[" + ws(rnd) + ",".join(ws(rnd) + rand_value(rnd, d + 1) +
                                        ws(rnd) for _ in
                                        range(rnd.randint(0, 3))) + "]"
    if d < 6 and c < 0.3:
        return rand_object(rnd, d + 1)
    if c < 0.55:
        return rand_number(rnd)
    if c < 0.85:
        return rand_string(rnd)
    return rnd.choice(["true", "false", "null"])


def rand_key(rnd):
    k = rand_string(rnd)
    # a reserved name would make mj-submit act on the record
    return '"k' + k[1:] if k.strip('"') in RESERVED + ("prompt",) else k


def rand_object(rnd, d=0):
    return "{" + ws(rnd) + ",".join(ws(rnd) + rand_key(rnd) + ws(rnd) + ":" +
                                    ws(rnd) + rand_value(rnd, d) + ws(rnd)
                                    for _ in range(rnd.randint(0, 4))) + "}"


def mutate(rnd, b):
    for _ in range(rnd.randint(1, 3)):
        i = rnd.randint(0, len(b))
        c = rnd.random()
        if c < 0.3:
            b = b[:i] + rnd.choice(SNIPPETS) + b[i:]
        elif c < 0.55 and b:
            b = b[:i] + b[i + 1:]
        elif c < 0.75 and b:
            b = b[:i] + rnd.choice(SNIPPETS) + b[i + 1:]
        elif c < 0.85:
            b = b[:i]
        else:
            j = rnd.randint(0, len(b))
            b = b[:i] + b[min(i, j):max(i, j)] + b[i:]
    return b


def gen(seed, count, suitedir, path):
    rnd = random.Random(seed)
    seeds = []
    d = os.path.join(suitedir, "test_parsing")
    for name in sorted(os.listdir(d)):
        with open(os.path.join(d, name), "rb") as f:
            b = f.read().replace(b"\n", b" ")
        if len(b) < 2000:
            seeds.append(b)
    lines = [FIRST]
    # the depth limit, both sides of it
    for n in (MAX_DEPTH - 1, MAX_DEPTH, MAX_DEPTH + 1):
        lines.append(b'{"a":' + b"[" * (n - 1) + b"]" * (n - 1) + b"}")
    while len(lines) < count:
        c = rnd.random()
        if c < 0.2:
            # one edge token in an object otherwise valid
            b = rand_object(rnd).encode("utf-8", "surrogatepass")
            while b.count(b":") == 0:
                b = rand_object(rnd).encode("utf-8", "surrogatepass")
            i = b.index(b":") + 1
            b = b[:i] + rnd.choice(EDGES).encode("utf-8", "surrogatepass") + \
                b"," + b[i:] if rnd.random() < 0.5 else \
                b[:i] + rnd.choice(EDGES).encode("utf-8", "surrogatepass") + \
                b"}"
            lines.append(b.replace(b"\n", b" "))
            continue
        if c < 0.35:
            b = rand_object(rnd).encode("utf-8", "surrogatepass")
        elif c < 0.5:
            b = rnd.choice(seeds)
        else:
            b = rnd.choice([rand_object(rnd).encode("utf-8", "surrogatepass"),
                            rnd.choice(seeds)])
            b = mutate(rnd, b)
        b = b.replace(b"\n", b" ")
        if blank(b):
            continue
        lines.append(b)
    with open(path, "wb") as f:
        f.write(b"\n".join(lines) + b"\n")


def check_diff(path, out):
    with open(path, "rb") as f:
        lines = f.read().split(b"\n")[:-1]
    bad, recs = strict_lines(out)
    report(not bad, "every line written is strict JSON in UTF-8", bad)
    if len(recs) != len(lines):
        report(False, "one record per line", ["%d records for %d lines" %
                                              (len(recs), len(lines))])
        return
    wrong, accepted = [], 0
    for i, (b, r) in enumerate(zip(lines, recs)):
        ok, v = record(b)
        got = not input_error(r)
        if ok != got:
            wrong.append("line %d: reference %s, mjpipe %s: %r -> %s" %
                         (i + 1, "accepts" if ok else "refuses",
                          "accepts" if got else "refuses", b[:100],
                          json.dumps(r)[:160]))
            continue
        if not ok:
            if r.get("input") is None:
                wrong.append("line %d: no raw text kept" % (i + 1))
            continue
        accepted += 1
        r = {k: x for k, x in r.items() if k != "submit"}
        if isinstance(r.get("error"), dict) and \
                r["error"].get("stage") == "submit":
            del r["error"]
        if r != lone_to_fffd(v):
            wrong.append("line %d: value changed: %r -> %s" %
                         (i + 1, b[:100], json.dumps(r)[:160]))
    report(not wrong, "mjpipe reads exactly the lines the reference reads "
           "(%d of %d), and keeps their values" % (accepted, len(lines)),
           wrong)


def main():
    cmd, args = sys.argv[1], sys.argv[2:]
    if cmd == "suite":
        suite(*args)
    elif cmd == "check-submit":
        check_submit(*args)
    elif cmd == "check-wait":
        check_wait(*args)
    elif cmd == "gen":
        gen(int(args[0]), int(args[1]), args[2], args[3])
    elif cmd == "check-diff":
        check_diff(*args)
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()

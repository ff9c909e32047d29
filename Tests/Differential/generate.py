#!/usr/bin/env python3
"""Writes programs.txt: random session programs with SymPy's answers.

Run by hand (python3 Tests/Differential/generate.py [count] [seed]); the Swift
test Tests/NotebooksTests/DifferentialTests.swift replays each program through
the session language and requires numeric agreement with the values written
here. SymPy is the oracle; nothing here comes from symdiff.

Each program defines two to four names, each in terms of x, y, w and the
names before it, then asks queries. Session semantics modelled here:
a defined name stands for its value everywhere (subs, diff and eval see
through definitions); `subs(e, a, v)` with a defined name `a` replaces the
name itself, so the names depending on it change with it.
"""
import random
import re
import signal
import sys

import sympy as sp

x, y, w = sp.symbols("x y w")
FREE = [x, y, w]


def sigmoid(e):
    return 1 / (1 + sp.exp(-e))


class Gen:
    def __init__(self, rng):
        self.rng = rng

    def leaf(self, names):
        r = self.rng.random()
        if r < 0.2:
            return sp.Rational(self.rng.choice([1, 2, 3, 5, -1, -2, 7]), self.rng.choice([1, 1, 2, 3, 4]))
        pool = FREE + names
        return self.rng.choice(pool)

    def expr(self, names, depth):
        """(sympy expression over symbols, text in session syntax)."""
        if depth == 0:
            e = self.leaf(names)
            return e, text(e)
        k = self.rng.choice(["add", "mul", "sub", "pow", "div", "fn", "fn", "leaf"])
        if k == "leaf":
            e = self.leaf(names)
            return e, text(e)
        a, at = self.expr(names, depth - 1)
        if k == "fn":
            f = self.rng.choice(["exp", "log", "sigmoid", "tanh", "sqrt"])
            if f == "exp":
                # keep exponents moderate so nothing overflows a double
                return sp.exp(a / 4), f"exp(({at})/4)"
            if f == "log":
                return sp.log(1 + a**2), f"log(1 + ({at})**2)"
            if f == "sqrt":
                return sp.sqrt(2 + a**2), f"sqrt(2 + ({at})**2)"
            if f == "sigmoid":
                return sigmoid(a), f"sigmoid({at})"
            return sp.tanh(a), f"tanh({at})"
        b, bt = self.expr(names, depth - 1)
        if k == "add":
            return a + b, f"({at}) + ({bt})"
        if k == "sub":
            return a - b, f"({at}) - ({bt})"
        if k == "mul":
            return a * b, f"({at})*({bt})"
        if k == "div":
            return a / (1 + b**2), f"({at})/(1 + ({bt})**2)"
        n = self.rng.choice([2, 3, -1, -2])
        if n < 0:
            return (2 + a**2) ** n, f"(2 + ({at})**2)**({n})"
        return a**n, f"({at})**{n}"


def text(e):
    # SymPy prints exp(1) as E, which the session reads as a symbol
    return re.sub(r"\bE\b", "exp(1)", sp.sstr(e))


def rewritten(e, rng):
    """An expression equal to e, written differently."""
    choice = rng.choice(["expand", "factor", "together", "rewrite"])
    if choice == "expand":
        return sp.expand(e)
    if choice == "factor":
        return sp.factor_terms(e)
    if choice == "together":
        return sp.together(e)
    return e.rewrite(sp.exp)


def mutated(e, rng):
    """An expression that differs from e (checked numerically by the caller)."""
    choice = rng.choice(["scale", "shift", "flip", "swap"])
    if choice == "scale":
        return 2 * e
    if choice == "shift":
        return e + sp.Rational(1, 100)
    if choice == "flip":
        return -e
    return e.subs({x: y, y: x}, simultaneous=True)


def numeric(e, point, digits=30):
    v = sp.N(e.subs(point), digits)
    if not v.is_real:
        raise ValueError("not real")
    return v


def differ(a, b, rng):
    for _ in range(4):
        pt = {x: sp.Rational(rng.randint(-30, 30), 17), y: sp.Rational(rng.randint(-30, 30), 13),
              w: sp.Rational(rng.randint(-30, 30), 11)}
        va, vb = numeric(a, pt), numeric(b, pt)
        if abs(va - vb) > sp.Float(1e-20, 30) * (1 + abs(va)):
            return True
    return False


def program(rng, index):
    g = Gen(rng)
    names, raw, texts = [], {}, {}
    for i in range(rng.randint(2, 4)):
        name = "abcd"[i]
        e, t = g.expr([sp.Symbol(n) for n in names], rng.randint(1, 3))
        raw[name], texts[name] = e, t
        names.append(name)
    syms = {n: sp.Symbol(n) for n in names}

    def inline(e, defs=raw):
        # definitions only refer to earlier names: substitute from the last
        for n in reversed(names):
            e = e.subs(syms[n], defs[n])
        return e

    point = {x: sp.Rational(rng.randint(-20, 20), 10), y: sp.Rational(rng.randint(-20, 20), 10),
             w: sp.Rational(rng.randint(-20, 20), 10)}
    last = names[-1]
    queries = []
    target = rng.choice(names[1:])
    present = sorted(inline(syms[target]).free_symbols & set(FREE), key=str) or FREE
    v = rng.choice(present)
    queries.append((f"diff({target}, {v})", sp.diff(inline(syms[target]), v)))
    queries.append((f"diff({target}, {v}, 2)", sp.diff(inline(syms[target]), v, 2)))
    u = rng.choice([z for z in FREE if z != v])
    queries.append((f"diff({last}, {v}, {u})", sp.diff(inline(syms[last]), v, u)))
    c = sp.Rational(rng.randint(-9, 9), rng.choice([1, 2, 4]))
    queries.append((f"subs({target}, {v}, {c})", inline(syms[target]).subs(v, c)))
    queries.append((f"subs({last} + 1, {v}={c})", inline(syms[last] + 1).subs(v, c)))
    queries.append((f"subs({last}, {u}, {v} + 1)", inline(syms[last]).subs(u, v + 1)))
    # replacing a defined name itself: the names after it change with it
    name = rng.choice(names[:-1])
    replaced = {n: (sp.Integer(2) if n == name else raw[n].subs(syms[name], 2)) for n in names}
    queries.append((f"subs({last}, {name}, 2)", inline(syms[last].subs(syms[name], 2), replaced)))
    queries.append((f"inline({last})", inline(syms[last])))
    queries.append((f"simplify({last})", inline(syms[last])))
    queries.append((f"expand({target})", inline(syms[target])))
    at = ", ".join(f"{s}={sp.sstr(point[s])}" for s in FREE)
    queries.append((f"eval(diff({last}, {v}), {at})", sp.diff(inline(syms[last]), v)))
    lines = [f"program {index}",
             "point " + ", ".join(f"{s}={sp.sstr(point[s])}" for s in FREE)]
    for n in names:
        lines.append(f"define {n} = {texts[n]}")
    for q, e in queries:
        val = numeric(e, point)
        if abs(val) > 1e12:
            raise ValueError("too large")
        lines.append(f"query {q}")
        lines.append(f"value {sp.sstr(sp.Float(val, 17))}")
    # equivalence checks: a true rewrite and a mutant
    e = inline(syms[target])
    good = rewritten(e, rng)
    if len(text(good)) > 240:
        # expand and together can blow a rewrite up to pages; the prover's
        # speed on those is the benchmarks' business, not this suite's
        good = e.rewrite(sp.exp)
    lines.append(f"check {target} == {text(good)}")
    lines.append("verdict equal")
    bad = mutated(e, rng)
    if differ(e, bad, rng):
        lines.append(f"check {target} == {text(bad)}")
        lines.append("verdict unequal")
    return lines


def timeout(signum, frame):
    raise TimeoutError()


def main():
    signal.signal(signal.SIGALRM, timeout)
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 520
    seed = int(sys.argv[2]) if len(sys.argv) > 2 else 2026
    rng = random.Random(seed)
    out = ["# Generated by Tests/Differential/generate.py "
           f"{count} {seed} with SymPy {sp.__version__}; do not edit by hand.",
           "# Each program: a point, definitions, then queries with SymPy's value at the point",
           "# and equivalence checks with SymPy's verdict (equal: a rewrite; unequal: differs at a point)."]
    made = 0
    attempts = 0
    while made < count:
        attempts += 1
        # A program SymPy needs more than two seconds for is dropped, not waited for.
        signal.alarm(2)
        try:
            lines = program(rng, made + 1)
        except (ValueError, TypeError, ZeroDivisionError, TimeoutError):
            continue
        finally:
            signal.alarm(0)
        out.extend(lines)
        out.append("")
        made += 1
    path = __file__.rsplit("/", 1)[0] + "/programs.txt"
    with open(path, "w") as f:
        f.write("\n".join(out))
    print(f"wrote {made} programs ({attempts} attempts) to {path}")


if __name__ == "__main__":
    main()

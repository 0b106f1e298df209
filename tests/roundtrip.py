#!/usr/bin/env python3
"""tests/roundtrip.py -- used by run-roundtrip.sh.

  roundtrip.py yaml STACKC DIR...     every DIR/*.stack (golden, examples): builds the YAML
                                      and the JSON template and compares them after reading
                                      the YAML with PyYAML's YAML 1.1 implicit typing and
                                      with a YAML 1.2 core-schema loader
  roundtrip.py strings STACKC WORKDIR feeds awkward strings through function env values
                                      (plain and interpolated) and checks that each target
                                      (cfn JSON, cfn YAML, tf JSON) holds them exactly

Prints PASS:/FAIL: lines and "N passed, M failed"; exits 1 on any failure."""
import json
import os
import re
import subprocess
import sys

import yaml

n_pass = n_fail = 0


def ok(what):
    global n_pass
    n_pass += 1
    print("PASS: " + what)


def bad(what, detail=""):
    global n_fail
    n_fail += 1
    print("FAIL: " + what)
    if detail:
        print("    " + detail.replace("\n", "\n    "))


class Yaml12Loader(yaml.SafeLoader):
    """YAML 1.2 core schema: the implicit types a 1.2 reader resolves."""


Yaml12Loader.yaml_implicit_resolvers = {}
for tag, regexp, first in [
    ("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", list("~nN") + [""]),
    ("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", list("tTfF")),
    ("tag:yaml.org,2002:int", r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$", list("-+0123456789")),
    ("tag:yaml.org,2002:float",
     r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$",
     list("-+.0123456789")),
]:
    Yaml12Loader.add_implicit_resolver(tag, re.compile(regexp), first)


def _int12(loader, node):
    v = loader.construct_scalar(node)
    if v.startswith("0o"):
        return int(v[2:], 8)
    if v.startswith("0x"):
        return int(v[2:], 16)
    return int(v, 10)


def _float12(loader, node):
    v = loader.construct_scalar(node).lower()
    if v.endswith(".inf"):
        return float("-inf") if v.startswith("-") else float("inf")
    if v == ".nan":
        return float("nan")
    return float(v)


Yaml12Loader.add_constructor("tag:yaml.org,2002:int", _int12)
Yaml12Loader.add_constructor("tag:yaml.org,2002:float", _float12)
Yaml12Loader.add_constructor("tag:yaml.org,2002:bool",
                             lambda l, n: l.construct_scalar(n) in ("true", "True", "TRUE"))


def first_difference(a, b, path="$"):
    if type(a) is not type(b):
        return "%s: %r (%s) vs %r (%s)" % (path, a, type(a).__name__, b, type(b).__name__)
    if isinstance(a, dict):
        if list(a) != list(b):
            return "%s: keys %s vs %s" % (path, list(a), list(b))
        for k in a:
            d = first_difference(a[k], b[k], "%s.%s" % (path, k))
            if d:
                return d
    elif isinstance(a, list):
        if len(a) != len(b):
            return "%s: %d vs %d items" % (path, len(a), len(b))
        for i, (x, y) in enumerate(zip(a, b)):
            d = first_difference(x, y, "%s[%d]" % (path, i))
            if d:
                return d
    elif a != b:
        return "%s: %r vs %r" % (path, a, b)
    return None


def build(stackc, target, path, cwd=None):
    r = subprocess.run([stackc, "build", "--target", target, os.path.basename(path)],
                       cwd=cwd or os.path.dirname(path) or ".", capture_output=True)
    if r.returncode != 0:
        return None, r.stderr.decode("utf-8", "replace")
    return r.stdout.decode("utf-8"), None


def cmd_yaml(stackc, dirs):
    for d in dirs:
        for name in sorted(os.listdir(d)):
            if not name.endswith(".stack"):
                continue
            path = os.path.join(d, name)
            ytext, err = build(stackc, "cfn-yaml", path)
            jtext, err2 = build(stackc, "cfn", path)
            if ytext is None or jtext is None:
                bad("%s: build failed" % path, err or err2)
                continue
            # built YAML vs built JSON; golden YAML vs golden JSON (whether the golden
            # files are up to date is run-golden.sh's business)
            pairs = [("built", ytext, jtext)]
            gy, gj = path[:-6] + ".cfn.yaml", path[:-6] + ".cfn.json"
            if os.path.exists(gy) and os.path.exists(gj):
                with open(gy, encoding="utf-8") as f, open(gj, encoding="utf-8") as g:
                    pairs.append(("golden", f.read(), g.read()))
            for label, text, jtext in pairs:
                want = json.loads(jtext)
                for lname, loader in (("YAML 1.1", yaml.SafeLoader), ("YAML 1.2", Yaml12Loader)):
                        try:
                            got = yaml.load(text, Loader=loader)
                        except yaml.YAMLError as e:
                            bad("%s (%s YAML): %s cannot read it" % (path, label, lname), str(e))
                            continue
                        diff = first_difference(got, want)
                        if diff:
                            bad("%s (%s YAML) read as %s differs from the JSON" % (path, label, lname),
                                diff)
                        else:
                            ok("%s (%s YAML) read as %s equals the JSON" % (path, label, lname))


TRICKY = [
    "${x}", "${!x}", "$${x}", "%{y}", "%{ if true }a%{ endif }", "%%{y}", "a$b", "$", "$$", "100%",
    "say \"hi\"", "'single'", "back\\slash", "C:\\temp\\new", "\\n not a newline",
    "line1\nline2", "a\tb", "a\rb", "trailing\n", "\x01\x02\x1f\x7f", "bell\x07",
    "caf\u00e9", "\U0001F600", "\u4e2d\u6587", "\u2028 and \u2029", "\ufeffbom", "\u00a0nbsp",
    "yes", "Yes", "YES", "no", "on", "On", "off", "y", "n", "true", "False", "null", "Null", "~", "",
    "012", "0o12", "0x1F", "1e3", "1E3", "-1.5", "+1", ".5", "1_000", ".inf", "-.inf", ".NaN",
    "1:20", "1:20:30", "2026-01-01", "2026-01-01 10:00:00", "12:30",
    "key: value", "# hash", "- dash", "? question", "*alias", "&anchor", "!tag", "|", ">",
    "{a: 1}", "[1, 2]", "@at", "`tick`", "  padded  ", " ", ",", "=", "<<",
    "---", "...", "%YAML", "a #b", "a: b: c",
]


def stack_literal(s):
    out = []
    i = 0
    while i < len(s):
        c = s[i]
        if s.startswith("${", i):
            out.append("$${")
            i += 2
            continue
        if c == "\\":
            out.append("\\\\")
        elif c == '"':
            out.append('\\"')
        elif c == "\n":
            out.append("\\n")
        elif c == "\t":
            out.append("\\t")
        elif c == "\r":
            out.append("\\r")
        elif ord(c) < 0x20 or ord(c) == 0x7f:
            out.append("\\u{%x}" % ord(c))
        else:
            out.append(c)
        i += 1
    return '"' + "".join(out) + '"'


def unsub(s, names):
    """The string a CloudFormation Fn::Sub template stands for."""
    def rep(m):
        body = m.group(1)
        if body.startswith("!"):
            return "${" + body[1:] + "}"
        return names.get(body, "<<unknown ${%s}>>" % body)
    return re.sub(r"\$\{([^}]*)\}", rep, s)


def untemplate(s, names):
    """The string a Terraform template stands for (only ${name} references)."""
    out = []
    i = 0
    while i < len(s):
        if s.startswith("$${", i):
            out.append("${")
            i += 3
        elif s.startswith("%%{", i):
            out.append("%{")
            i += 3
        elif s.startswith("${", i):
            j = s.index("}", i)
            out.append(names.get(s[i + 2:j], "<<unknown ${%s}>>" % s[i + 2:j]))
            i = j + 1
        elif s.startswith("%{", i):
            out.append("<<directive>>")
            i += 2
        else:
            out.append(s[i])
            i += 1
    return "".join(out)


def cmd_strings(stackc, work):
    os.makedirs(os.path.join(work, "src"), exist_ok=True)
    want = {}
    lines = ['param who: string = "world"', "function f {", '  runtime = "python3.12"',
             '  handler = "app.handler"', '  code = "src"', "  env = {"]
    for i, s in enumerate(TRICKY):
        want["P%d" % i] = s
        want["I%d" % i] = "<world>" + s + "<world>"
        lines.append("    P%d = %s," % (i, stack_literal(s)))
        lines.append("    I%d = %s," % (i, '"<${who}>' + stack_literal(s)[1:-1] + '<${who}>"'))
    lines += ["  }", "}"]
    path = os.path.join(work, "strings.stack")
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    outs = {}
    for target in ("cfn", "cfn-yaml", "tf"):
        text, err = build(stackc, target, path)
        if text is None:
            bad("strings.stack --target %s: build failed" % target, err)
            return
        outs[target] = text
    outs["cfn-yaml (YAML 1.2)"] = outs["cfn-yaml"]
    for target, text in outs.items():
        if target == "tf":
            doc = json.loads(text)
            fn = next(iter(doc["resource"]["aws_lambda_function"].values()))
            got = {k: untemplate(v, {"var.who": "world"}) for k, v in fn["environment"]["variables"].items()}
        else:
            doc = (json.loads(text) if target == "cfn" else
                   yaml.load(text, Loader=Yaml12Loader) if "1.2" in target else yaml.safe_load(text))
            fn = next(r for r in doc["Resources"].values() if r["Type"] == "AWS::Lambda::Function")
            got = {}
            for k, v in fn["Properties"]["Environment"]["Variables"].items():
                if isinstance(v, dict) and list(v) == ["Fn::Sub"]:
                    v = unsub(v["Fn::Sub"], {"Who": "world"})
                elif not isinstance(v, str):
                    v = "<<not a string: %r>>" % (v,)
                got[k] = v
        fails = ["%s: %r became %r" % (k, want[k], got.get(k)) for k in want if got.get(k) != want[k]]
        if fails:
            bad("--target %s: %d of %d strings changed" % (target, len(fails), len(want)),
                "\n".join(fails[:15]))
        else:
            ok("--target %s: all %d strings preserved exactly" % (target, len(want)))
        # a literal `${` / `%{` never reaches the target unescaped
        if target != "tf":
            for k, v in fn["Properties"]["Environment"]["Variables"].items():
                if isinstance(v, str) and "${" in v and not k.startswith("P"):
                    bad("--target %s: %s holds an interpolated string outside Fn::Sub" % (target, k))
    # JSON control characters are escaped (raw bytes below 0x20 never appear)
    for target in ("cfn", "tf"):
        raw = [c for c in outs[target] if ord(c) < 0x20 and c != "\n"]
        if raw:
            bad("--target %s: raw control characters in the JSON: %r" % (target, sorted(set(raw))))
        else:
            ok("--target %s: control characters escaped" % target)


def main():
    mode, stackc = sys.argv[1], sys.argv[2]
    if mode == "yaml":
        cmd_yaml(stackc, sys.argv[3:])
    else:
        cmd_strings(stackc, sys.argv[3])
    print("%d passed, %d failed" % (n_pass, n_fail))
    sys.exit(1 if n_fail else 0)


if __name__ == "__main__":
    main()

#!/usr/bin/python3
"""check_containerfile.py — the Containerfile, as far as it can be checked without a container
engine (none here, and hadolint is not in Debian):

- it parses: parser directives, comments, line continuations, known instructions only, JSON
  (exec) form of ENTRYPOINT and CMD a valid array of strings, every ${VAR} an ARG or ENV;
  each RUN is valid sh (`sh -n`);
- it is built on debian:12-slim, copies in exactly the package `cpack -G DEB` builds
  (dossier_<version>_amd64.deb, the version of CPackConfig.cmake) and installs that file;
- it runs as an unprivileged user, created in a RUN with the same uid, and `Dockerfile` is the
  same file;
- its ENTRYPOINT + CMD, and the README's Kubernetes command (whose image tag is this version),
  run against the package extracted into a scratch root (dpkg -x), with the image's ENV and
  WORKDIR, as an unprivileged user when the test runs as root.

Usage: check_containerfile.py SOURCE_DIR BUILD_DIR WORK_DIR
"""
import json
import os
import re
import shlex
import shutil
import subprocess
import sys

src, build, work = sys.argv[1:4]
passed = failed = 0


def ok(msg):
    global passed
    passed += 1
    print("ok  ", msg)


def bad(msg):
    global failed
    failed += 1
    print("FAIL", msg)


def check(cond, msg):
    (ok if cond else bad)(msg)
    return cond


KNOWN = {"FROM", "RUN", "CMD", "LABEL", "EXPOSE", "ENV", "ADD", "COPY", "ENTRYPOINT", "VOLUME",
         "USER", "WORKDIR", "ARG", "ONBUILD", "STOPSIGNAL", "HEALTHCHECK", "SHELL", "MAINTAINER"}


def parse(path):
    """[(line number, INSTRUCTION, arguments)] after continuations and comments."""
    out, buf, start = [], "", 0
    directives = True
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    for n, line in enumerate(lines, 1):
        stripped = line.strip()
        if directives and re.match(r"#\s*\w+\s*=", stripped):
            continue
        if stripped.startswith("#"):
            directives = False
            if buf:      # a comment inside a continued instruction is dropped
                continue
            continue
        directives = False
        if not buf and not stripped:
            continue
        if not buf:
            start = n
        if line.rstrip().endswith("\\"):
            buf += line.rstrip()[:-1] + " "
            continue
        buf += line
        word, _, rest = buf.strip().partition(" ")
        out.append((start, word, rest.strip()))
        buf = ""
    if buf:
        raise SyntaxError(f"{path}: the last instruction ends in a continuation")
    return out


path = os.path.join(src, "Containerfile")
try:
    instrs = parse(path)
    ok("Containerfile parses")
except SyntaxError as e:
    bad(str(e))
    sys.exit(1)

check(os.path.realpath(os.path.join(src, "Dockerfile")) == os.path.realpath(path),
      "Dockerfile is the Containerfile")
for n, word, rest in instrs:
    check(word in KNOWN and word == word.upper(), f"line {n}: {word} is an instruction")
    check(rest != "", f"line {n}: {word} has arguments")

# Variables: ARG and ENV in order; ${VAR} and $VAR expand in COPY, ENV, USER, WORKDIR.
variables = {}
first = next((w for _, w, _ in instrs if w != "ARG"), None)
check(first == "FROM", "the first instruction after ARGs is FROM")
froms = [r for _, w, r in instrs if w == "FROM"]
check(froms == ["debian:12-slim"], "one stage, FROM debian:12-slim")


def expand(text, n):
    def sub(m):
        name = m.group(1) or m.group(2)
        if name not in variables:
            bad(f"line {n}: ${name} is neither an ARG nor an ENV")
            return ""
        return variables[name]
    return re.sub(r"\$\{(\w+)\}|\$(\w+)", sub, text)


def exec_form(rest, n, word):
    try:
        v = json.loads(rest)
    except json.JSONDecodeError as e:
        bad(f"line {n}: {word} is not a JSON array: {e}")
        return None
    if check(isinstance(v, list) and v and all(isinstance(x, str) for x in v),
             f"line {n}: {word} is an exec-form array of strings"):
        return v
    return None


copies, runs, env, user, workdir, entrypoint, cmd = [], [], {}, None, "/", None, None
for n, word, rest in instrs:
    if word == "ARG":
        name, _, default = rest.partition("=")
        variables[name] = default
    elif word == "ENV":
        name, _, value = rest.partition("=")
        check(bool(re.fullmatch(r"\w+", name)) and value != "", f"line {n}: ENV NAME=VALUE")
        env[name] = variables[name] = expand(value, n)
    elif word == "COPY":
        parts = [expand(p, n) for p in shlex.split(rest)]
        check(len(parts) == 2 and not parts[0].startswith("--"), f"line {n}: COPY SOURCE DEST")
        copies.append(parts)
    elif word == "RUN":
        check(not rest.startswith("["), f"line {n}: RUN in shell form")
        script = expand(rest, n)
        r = subprocess.run(["sh", "-n", "-c", script], capture_output=True, text=True)
        check(r.returncode == 0, f"line {n}: RUN is valid sh {r.stderr.strip()}")
        runs.append(script)
    elif word == "USER":
        user = expand(rest, n)
    elif word == "WORKDIR":
        workdir = expand(rest, n)
        check(workdir.startswith("/"), f"line {n}: WORKDIR is absolute")
    elif word == "ENTRYPOINT":
        entrypoint = exec_form(rest, n, word)
    elif word == "CMD":
        cmd = exec_form(rest, n, word)

# The package: the one cpack builds, copied and installed.
version = None
with open(os.path.join(build, "CPackConfig.cmake"), encoding="utf-8") as f:
    m = re.search(r'set\(CPACK_PACKAGE_VERSION "([^"]+)"\)', f.read())
    version = m and m.group(1)
deb_name = f"dossier_{version}_amd64.deb"
check(any(os.path.basename(s) == deb_name for s, _ in copies),
      f"COPY brings in {deb_name}, the package cpack builds")
for s, dest in copies:
    check("/" not in s and not s.startswith(".."), f"COPY {s}: from the top of the build context")
installed = os.path.join(copies[0][1], deb_name) if copies and copies[0][1].endswith("/") else None
check(installed is not None and any(
    re.search(r"apt-get install [^&|;]*" + re.escape(installed), r) for r in runs),
    f"a RUN installs {installed} with apt-get (so Depends are resolved)")
check(any("rm -rf /var/lib/apt/lists" in r for r in runs), "apt lists removed in the same layer")

# The user: not root, and created with that uid.
check(user is not None, "USER is set")
uid, _, gid = (user or "").partition(":")
check(uid.isdigit() and uid != "0", f"runs as an unprivileged numeric uid ({user}), "
      "so that Kubernetes' runAsNonRoot can check it")
check(any(re.search(r"useradd [^&|;]*--uid " + re.escape(uid) + r"\b", r) for r in runs),
      f"a RUN creates user {uid}")
if gid:
    check(gid != "0" and any(re.search(r"groupadd [^&|;]*--gid " + re.escape(gid) + r"\b", r)
                             for r in runs), f"a RUN creates group {gid}")
check(entrypoint == ["dossier"], "ENTRYPOINT is dossier (a Kubernetes `command` replaces it)")

# The README's Kubernetes example uses this image, tagged with this version.
with open(os.path.join(src, "README.md"), encoding="utf-8") as f:
    readme = f.read()
images = re.findall(r"^\s*image:\s*(\S+)", readme, re.M)
check(images == [f"registry.example.org/dossier:{version}"],
      f"README's Kubernetes Job uses registry.example.org/dossier:{version}")
m = re.search(r'command: \["sh", "-c", "(.*?)"\]', readme, re.S)
k8s = re.sub(r"\s+", " ", m.group(1)) if m else None
check(k8s is not None, "README's Kubernetes command found")

# Run what the image runs, against the package extracted into a scratch root.
shutil.rmtree(work, ignore_errors=True)
os.makedirs(work)
pkgdir = os.path.join(work, "pkg")
r = subprocess.run(["cpack", "--config", os.path.join(build, "CPackConfig.cmake"), "-G", "DEB",
                    "-B", pkgdir], capture_output=True, text=True)
deb = os.path.join(pkgdir, deb_name)
if not check(r.returncode == 0 and os.path.exists(deb), f"cpack builds {deb_name}"):
    print(r.stdout, r.stderr)
    sys.exit(1)
root = os.path.join(work, "root")
subprocess.run(["dpkg", "-x", deb, root], check=True)


def rooted(p):
    """A path of the image, in the scratch root."""
    return os.path.join(root, p.lstrip("/"))


home = rooted(workdir)
os.makedirs(home, exist_ok=True)
data = os.path.join(work, "data")
demote = []
if os.geteuid() == 0 and shutil.which("setpriv"):
    # the image's user: not root, no supplementary groups
    demote = ["setpriv", f"--reuid={uid}", f"--regid={gid or uid}", "--clear-groups", "--"]
    for d in (work, home):
        os.chmod(d, 0o755)
    subprocess.run(["chown", "-R", f"{uid}:{gid or uid}", home], check=True)
image_env = {"PATH": rooted("/usr/bin") + ":/usr/bin:/bin", "HOME": home, "LANG": "C.UTF-8"}
for k, v in env.items():   # the image's ENV, its paths in the scratch root
    image_env[k] = rooted(v) if v.startswith("/") else v


def run_in_image(argv, extra_env=None):
    e = dict(image_env, **(extra_env or {}))
    return subprocess.run(demote + argv, cwd=home, env=e, capture_output=True, text=True)


argv = (entrypoint or []) + (cmd or [])
r = run_in_image(argv)
check(r.returncode == 0 and "dossier export" in r.stdout,
      f"ENTRYPOINT + CMD ({' '.join(argv)}) runs{' as uid ' + uid if demote else ''}: "
      f"exit {r.returncode} {r.stderr.strip()}")
r = run_in_image((entrypoint or []) + ["plugins"])
check(r.returncode == 0 and r.stderr == "" and "pdf" in r.stdout,
      f"dossier plugins: every plugin loads with the image's configuration {r.stderr.strip()}")
# the extensions of the formats the image has: "name  version  .ext  description"
extensions = re.findall(r"^\S+\s+\S+\s+\.(\S+)\s", r.stdout, re.M)

if k8s:
    # /data is the volume: a scratch folder holding a profile and its manifest.
    os.makedirs(os.path.join(data, "q4"))
    shutil.copy(os.path.join(src, "data", "haidian.json"), os.path.join(data, "q4"))
    with open(os.path.join(data, "q4", "profiles.txt"), "w") as f:
        f.write("haidian.json\n")
    os.makedirs(os.path.join(data, "q4", "reports"))
    if demote:
        subprocess.run(["chown", "-R", f"{uid}:{gid or uid}", data], check=True)
    line = k8s.replace("/data/", data + "/")
    r = None
    # Every index of the 28: each exports its shard; together they export the profile once.
    for index in range(28):
        r = run_in_image(["sh", "-c", line], {"JOB_COMPLETION_INDEX": str(index)})
        if r.returncode != 0:
            break
    check(r.returncode == 0, f"README's Kubernetes command runs for indexes 0-27: exit "
          f"{r.returncode} {r.stderr.strip()}")
    outs = sorted(os.listdir(os.path.join(data, "q4", "out")))
    want = sorted(["haidian." + e for e in extensions] + [".dossier-state"])
    check(len(extensions) >= 6 and outs == want,
          f"the 28 shards exported every format once: {outs}, want {want}")
    check(len(os.listdir(os.path.join(data, "q4", "reports"))) == 28, "one report per shard")

print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed else 0)

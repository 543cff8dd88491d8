#!/usr/bin/python3
"""check_profile_sources.py — checks a district profile against the source texts it was built
from (stdlib only).

For every indicator: its value, written exactly as in the JSON (7926.0 stays "7926.0"), is stated
with its unit and its qualifier (约 / 近 … / 余 / 多 / 以上 …) in the section of the source it
cites, and in the source document's text; its scope is named in that text; a year in its period
that the section does not state is explained by a note. For the narrative: every heading and
paragraph is text of its source (whitespace-normalised), in the source's order; no sentence and
no numbered heading of the source is left out; no paragraph is site chrome (addresses, phone
numbers, ICP numbers …). A self-test then damages copies of the profile (a digit, a qualifier,
a paragraph, a scope) and requires each damage to be caught, so the checks cannot pass vacuously.

usage: check_profile_sources.py SOURCE_DIR SOURCES_DIR [PROFILE...]
  SOURCE_DIR   the repository (default profile: SOURCE_DIR/data/haidian.json)
  SOURCES_DIR  folder holding each source's text under its `origin` file name (data/sources)
"""
import copy
import json
import re
import sys
from pathlib import Path

PREFIX_QUALIFIERS = ("约", "近", "超", "逾")
INFIX_QUALIFIERS = ("余", "多")
SUFFIX_QUALIFIERS = ("以上", "左右", "强")
# A qualifier before the number, either right before it (近50家, 接近1500亿美元) or governing a
# share phrase (约占北京市总面积的2.6%).
PREFIX_RE = re.compile("(" + "|".join(PREFIX_QUALIFIERS) + ")(占[^，。；,;]*)?$")
CLAUSE_BREAK = re.compile(r"[，。；,;：:、]")
NUMBER_RE = re.compile(r"^-?[0-9]+(\.[0-9]+)?$")
# A worded value (docs/profile.md, Value forms): a share in words, a fraction, a ratio.
WORDED_RE = re.compile(r"^([一二两三四五六七八九]成|一半|半数|[一二两三四五六七八九十]分之[一二两三四五六七八九十]"
                       r"|[0-9]+/[0-9]+|[0-9]+(\.[0-9]+)?([:：][0-9]+(\.[0-9]+)?)+)$")
# Website chrome that must not be part of the narrative.
CHROME_RE = re.compile(r"ICP备|公网安备|网站标识码|邮编|电话[:：]|地址[:：]|主办[:：]|承办[:：]"
                       r"|微信公众号|政务微博|\b0\d{2,3}-\d{7,8}\b")
HEADING_RE = re.compile(r"^(?:[一二三四五六七八九十]+、|[(（][一二三四五六七八九十]+[)）]"
                        r"|[一二三四五六七八九十]+是)")
SENTENCE_END = re.compile(r"[。！？；]")


def load_json(path):
    """The profile with every number kept as the literal text of the file."""
    with open(path, encoding="utf-8") as f:
        return json.load(f, parse_float=str, parse_int=str)


def flow(text):
    """A source text as one run: markdown bold markers and line breaks (page breaks inside a
    sentence, blank lines between paragraphs) removed, other runs of blanks made one space."""
    text = text.replace("**", "")
    text = re.sub(r"[ \t\u3000]*\n[ \t\u3000\n]*", "", text)
    return re.sub(r"[ \t\u3000]+", " ", text).strip()


def squash(text):
    """Text with all whitespace removed, for finding figures (「1.84 万亿元」 = 「1.84万亿元」)."""
    return re.sub(r"\s+", "", text.replace("**", ""))


def para(text):
    return re.sub(r"\s+", " ", text).strip()


def unit_re(unit):
    return "[%％]" if unit == "%" else re.escape(unit)


def statements(text, value, unit):
    """Every place `text` states `value` with `unit`: (start, qualifiers found) for each."""
    v = re.escape(value)
    if value == "1" and unit and unit[0] in "万亿":
        # 近万家 is 1 万家 with 近: the 1 may be left out right after a qualifier.
        number = rf"(?:(?<![0-9.]){v}|(?<=[{''.join(PREFIX_QUALIFIERS)}]))"
    else:
        number = rf"(?<![0-9.]){v}"
    pattern = re.compile(number + "(" + "|".join(INFIX_QUALIFIERS) + ")?" + unit_re(unit))
    found = []
    for m in pattern.finditer(text):
        quals = set()
        before = CLAUSE_BREAK.split(text[max(0, m.start() - 40):m.start()])[-1]
        pm = PREFIX_RE.search(before)
        if pm:
            quals.add(pm.group(1))
        if m.group(1):
            quals.add(m.group(1))
        after = text[m.end():]
        for s in SUFFIX_QUALIFIERS:
            if after.startswith(s):
                quals.add(s)
        found.append((m.start(), quals))
    return found


def iter_sections(sections, depth=1):
    for s in sections or []:
        yield s, depth
        yield from iter_sections(s.get("sections"), depth + 1)


def narrative_parts(doc):
    """(label, text) for the document title, its lead paragraphs and each section's heading
    and paragraphs, in reading order."""
    parts = [("title", doc["title"])]
    parts += [(f"lead paragraph {i + 1}", p) for i, p in enumerate(doc.get("paragraphs", []))]
    for s, _ in iter_sections(doc.get("sections")):
        parts.append((f"{s['id']} heading", s.get("marker", "") + s["title"]))
        parts += [(f"{s['id']} paragraph {i + 1}", p) for i, p in enumerate(s.get("paragraphs", []))]
    return parts


def check(profile, texts, label):
    """All problems of `profile` against `texts` ({source id: raw text}), as messages."""
    errors = []
    err = errors.append
    docs = {d["source"]: d for d in profile["documents"]}
    sections = {}
    for d in profile["documents"]:
        for s, _ in iter_sections(d.get("sections")):
            sections[s["id"]] = (d["source"], s)

    # ---- the narrative ----
    for sid, doc in docs.items():
        if sid not in texts:
            err(f"{label}: document {sid}: no source text")
            continue
        run = flow(texts[sid])
        covered = []
        cursor = 0
        for where, text in narrative_parts(doc):
            t = para(text)
            if CHROME_RE.search(t):
                err(f"{label}: {sid} {where}: site chrome in the narrative: {t[:40]}")
            at = run.find(t, cursor)
            if at < 0:
                if t in run:
                    err(f"{label}: {sid} {where}: out of the source's order: {t[:40]}")
                else:
                    err(f"{label}: {sid} {where}: not text of the source: {t[:40]}")
                continue
            covered.append((at, at + len(t)))
            cursor = at + len(t)
        # What the narrative leaves out may only be chrome and unnumbered headings: no sentence,
        # no numbered heading. The 。 after a run-in heading is the one stray allowed.
        edges = [0] + [x for span in covered for x in span] + [len(run)]
        for a, b in zip(edges[0::2], edges[1::2]):
            gap = run[a:b].strip()
            if not gap or gap == "。":
                continue
            if SENTENCE_END.search(gap.rstrip("。")) or HEADING_RE.match(gap):
                err(f"{label}: {sid}: source text missing from the narrative: {gap[:60]}")

    # ---- the indicators ----
    ids = {i["id"] for i in profile["indicators"]}
    for ind in profile["indicators"]:
        iid, value, unit = ind["id"], ind["value"], ind.get("unit", "")
        qual = ind.get("qualifier")
        src = ind["source"]
        doc_id = src["document"]
        if not isinstance(value, str) or not (NUMBER_RE.match(value) and unit
                                              or WORDED_RE.match(value) and not unit):
            err(f"{label}: {iid}: value {value!r} is not a plain number with a unit, nor a "
                f"worded share or ratio without one")
            continue
        if doc_id not in texts:
            err(f"{label}: {iid}: no source text for document {doc_id}")
            continue
        if "section" in src:
            owner, s = sections.get(src["section"], (None, None))
            if owner != doc_id:
                err(f"{label}: {iid}: section {src['section']} is not in document {doc_id}")
                continue
            where = src["section"]
            cited = squash(s.get("marker", "") + s["title"] + "。" + "".join(s.get("paragraphs", [])))
        else:
            where = f"{doc_id} lead"
            cited = squash("".join(docs[doc_id].get("paragraphs", [])))
        expected = {qual} if qual else set()
        shown = f"{qual or ''}{value}{unit}"

        here = statements(cited, value, unit)
        if not here:
            err(f"{label}: {iid}: {value}{unit} is not stated in {where}")
        elif not any(q == expected for _, q in here):
            stated = ", ".join("".join(sorted(q)) or "no qualifier" for _, q in here)
            err(f"{label}: {iid}: {shown}: {where} states it with {stated}")
        seed = squash(texts[doc_id])
        if not any(q == expected for _, q in statements(seed, value, unit)):
            err(f"{label}: {iid}: {shown} is not in the source text of {doc_id}")

        if ind["scope"] not in seed:
            err(f"{label}: {iid}: scope {ind['scope']} is not named in {doc_id}")
        years = set(re.findall(r"\d{4}", ind["period"]))
        if any(y not in cited for y in years) and not ind.get("note"):
            err(f"{label}: {iid}: period {ind['period']} is not stated in {where} and no note says why")

        base, rel = ind.get("base"), ind.get("relation")
        if (base is None) != (rel is None):
            err(f"{label}: {iid}: base and relation go together")
        elif base is not None:
            if base not in ids or base == iid:
                err(f"{label}: {iid}: base {base} is not another indicator")
            if rel in ("share", "growth") and unit not in ("%", "‰") and unit:
                err(f"{label}: {iid}: a {rel} in {unit}")
    return errors


def self_test(profile, texts):
    """Damage copies of `profile` in ways a hand edit could, and require each to be caught."""
    inds = profile["indicators"]
    docs = profile["documents"]
    cases = []

    def case(name, mutate):
        p = copy.deepcopy(profile)
        if mutate(p) is not False:
            cases.append((name, p))

    def first(pred):
        return next((i for i, x in enumerate(inds) if pred(x)), None)

    dec = first(lambda x: "." in x["value"])
    if dec is not None:
        def drop_decimals(p):
            p["indicators"][dec]["value"] = p["indicators"][dec]["value"].split(".")[0]
        case("decimals dropped", drop_decimals)
    q = first(lambda x: "qualifier" in x)
    if q is not None:
        case("qualifier dropped", lambda p: p["indicators"][q].pop("qualifier"))
    nq = first(lambda x: "qualifier" not in x)
    if nq is not None:
        case("qualifier added", lambda p: p["indicators"][nq].__setitem__("qualifier", "以上"))
    case("unit changed", lambda p: p["indicators"][0].__setitem__(
        "unit", "亿美元" if p["indicators"][0]["unit"] != "亿美元" else "亿元"))
    case("scope changed", lambda p: p["indicators"][0].__setitem__("scope", "不存在的县"))
    sec = next((s for d in docs for s, _ in iter_sections(d.get("sections")) if s.get("paragraphs")),
               None)
    if sec is not None:
        def alter(p):
            for d in p["documents"]:
                for s, _ in iter_sections(d.get("sections")):
                    if s["id"] == sec["id"]:
                        t = s["paragraphs"][0]
                        s["paragraphs"][0] = t[:5] + "某" + t[5:]
        case("paragraph altered", alter)

        def drop_paragraph(p):
            for d in p["documents"]:
                for s, _ in iter_sections(d.get("sections")):
                    if s["id"] == sec["id"]:
                        s["paragraphs"].pop(0)
                        if not s["paragraphs"]:
                            del s["paragraphs"]
        case("paragraph left out", drop_paragraph)

        # A chrome line of the source, if it has one, added as a paragraph.
        for d in docs:
            raw = texts.get(d["source"], "")
            line = next((ln.strip() for ln in raw.splitlines() if CHROME_RE.search(ln)), None)
            if line:
                def add_chrome(p, line=line, src=d["source"]):
                    for dd in p["documents"]:
                        if dd["source"] == src:
                            last = list(iter_sections(dd.get("sections")))[-1][0]
                            last.setdefault("paragraphs", []).append(line)
                case("site chrome added", add_chrome)
                break

    failures = 0
    for name, p in cases:
        if not check(p, texts, "self-test"):
            print(f"self-test: damage not caught: {name}")
            failures += 1
    return failures, len(cases)


def main(argv):
    if len(argv) < 3:
        print(__doc__.strip().splitlines()[-3], file=sys.stderr)
        return 2
    root, sources_dir = Path(argv[1]), Path(argv[2])
    paths = [Path(a) for a in argv[3:]] or [root / "data/haidian.json"]
    failures = 0
    for path in paths:
        profile = load_json(path)
        texts = {}
        for s in profile["sources"]:
            if "origin" not in s or not (sources_dir / s["origin"]).is_file():
                print(f"{path}: source {s['id']}: no text {s.get('origin')} in {sources_dir}")
                failures += 1
                continue
            texts[s["id"]] = (sources_dir / s["origin"]).read_text(encoding="utf-8")
        errors = check(profile, texts, str(path))
        for e in errors:
            print(e)
        failures += len(errors)
        bad, n = self_test(profile, texts)
        failures += bad
        n_par = sum(len(narrative_parts(d)) for d in profile["documents"])
        print(f"{path}: {len(profile['indicators'])} indicators, {n_par} headings and paragraphs"
              f" checked against {len(texts)} source texts; {n - bad}/{n} self-test damages caught;"
              f" {len(errors)} problems")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

"""check_txt.py — the plain-text brief read back line by line. Expectations come from the
profile JSON (tests/md/dossier_expect.py) and the settings passed, never from dossier's output:

- every line fits the width (East Asian Wide and Fullwidth characters count two columns), at
  several widths, for every profile; joining the lines gives back every heading and paragraph;
- the title block names the facts by the indicators' own names with their figures, and any
  note of theirs; the labels printed are the brief's ([brief] label_* change them);
- the key-figures table has one row per key figure, with its figure, and the marker of a
  figure's note right after the figure; the notes under the table give each marker its text;
- items whose marker ends in 是 are run in: marker and title open a paragraph line;
- a part left out (or with nothing to say) leaves no heading behind;
- the official and bulletin templates print the masthead before the title and the colophon last;
- gb18030 and crlf outputs are the same text; two runs give the same bytes.

Usage: check_txt.py DOSSIER SOURCE_DIR WORK_DIR
"""
import json
import os
import re
import shutil
import subprocess
import sys
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "md"))
import dossier_expect as ex  # noqa: E402

MARKER = r"(?:[①-⑳]|\(\d+\))"
IDEOGRAPHIC_SPACE = "\u3000"

OFFICIAL = ["brief.template=official", "brief.issuer=北京市海淀区人民政府",
            "brief.number=海政发〔2020〕12号", "brief.cc=区委办公室"]
BULLETIN = ["brief.template=bulletin", "brief.name=海淀区情简报", "brief.issue=3",
            "brief.issuer=海淀区统计局", "brief.copies=50"]


def columns(text):
    """Display width: W and F characters take two columns, combining marks none."""
    n = 0
    for ch in text:
        if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
            continue
        n += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return n


def squeeze(text):
    """Text without line breaks, blanks and indents, to find wrapped text in."""
    return re.sub(r"[\s\u3000]+", "", text)


class Run:
    def __init__(self, dossier, work):
        self.dossier, self.work, self.n = dossier, work, 0

    def export(self, profile, *sets, raw=False):
        """Exports into a fresh folder; returns the text (or the bytes with raw)."""
        self.n += 1
        out = os.path.join(self.work, f"run{self.n}")
        shutil.rmtree(out, ignore_errors=True)
        cmd = [self.dossier, "export", "-q", "-f", "txt", "-o", out]
        for s in sets:
            cmd += ["--set", s]
        cmd.append(profile)
        proc = subprocess.run(cmd, capture_output=True, timeout=120)
        if proc.returncode != 0:
            raise RuntimeError(f"{' '.join(cmd)} exited {proc.returncode}: "
                               f"{proc.stderr.decode('utf-8', 'replace')}")
        pid = ex.load_profile(profile)["id"]
        with open(os.path.join(out, f"{pid}.txt"), "rb") as f:
            data = f.read()
        return data if raw else data.decode("utf-8")


def check_widths(c, run, profile, label):
    p = ex.load_profile(profile)
    for width in (20, 33, 40, 80, 120):
        text = run.export(profile, f"txt.width={width}", "brief.table=all")
        lines = text.split("\n")
        wide = [(i + 1, columns(l)) for i, l in enumerate(lines) if columns(l) > width]
        c.check(f"{label} width {width}: every line within {width} columns", not wide,
                f"lines {wide[:5]}")
        joined = squeeze(text)
        lost = [t for t in [d["title"] for d in p["documents"]]
                + [x for d in p["documents"] for x in d.get("paragraphs", [])]
                + [ex.heading_text(s) for _, s, _ in ex.sections(p)]
                + [x for _, s, _ in ex.sections(p) for x in s.get("paragraphs", [])]
                if squeeze(t) not in joined]
        c.check(f"{label} width {width}: every heading and paragraph is kept", not lost,
                f"lost {[t[:30] for t in lost[:3]]}")


def fact_ids(p):
    return [p["facts"][k] for k in ("area", "population") if k in p.get("facts", {})]


def check_title_block(c, run, profile, label):
    p = ex.load_profile(profile)
    inds = {i["id"]: i for i in p["indicators"]}
    text = run.export(profile)
    lines = text.split("\n")
    rule = next((i for i, l in enumerate(lines) if l == "=" * 80), None)
    if not c.check(f"{label}: a rule of = closes the title block", rule is not None):
        return
    front = lines[:rule]
    c.check(f"{label}: the title block opens with the name", front[0].startswith(p["name"]["zh"]),
            repr(front[0]))
    if "subtitle" in p:
        c.check(f"{label}: the subtitle is in the title block", p["subtitle"] in front)
    for fid in fact_ids(p):
        ind = inds[fid]
        want = ind["name"] + "：" + ex.figure(ind)
        line = next((l for l in front if l.startswith(want)), None)
        c.check(f"{label}: the title block states {ind['name']} under its own name with its "
                "figure", line is not None, f"no line starts with {want!r} in {front}")
        if line and "note" in ind:
            c.check(f"{label}: the note of {ind['name']} is in its line, in brackets, no marker",
                    ind["note"] in line and re.match(re.escape(want) + "（", line),
                    repr(line))
    fixed = [l for l in front if re.match(r"^(面积|人口)：", l)]
    c.check(f"{label}: no fixed 面积/人口 label", not fixed or all(
        any(l.startswith(inds[f]["name"] + "：") for f in fact_ids(p)) for l in fixed), repr(fixed))


def check_fact_note(c, run, profile, label):
    """A note on a fact's indicator (none in the shipped profiles: added to a copy) is printed
    in full in the fact's line, in the brackets after the figure (no marker to look up)."""
    with open(profile, encoding="utf-8") as f:
        data = json.load(f)
    fid = data["facts"]["area"]
    note = "测试用的注释，说明面积的口径"
    for ind in data["indicators"]:
        if ind["id"] == fid:
            ind["note"] = note
            want = ind["name"] + "："
    copy = os.path.join(run.work, "fact-note.json")
    with open(copy, "w", encoding="utf-8") as f:
        json.dump(data, f, ensure_ascii=False)
    lines = run.export(copy).split("\n")
    line = next((l for l in lines if l.startswith(want)), "")
    c.check(f"{label}: a fact's note is in its line, in brackets after the figure",
            re.match(re.escape(want) + r"[^（①-⑩]+（.*" + note, line), repr(line))


def table_block(lines, heading):
    """The lines from the heading to the end of the notes under the table."""
    start = lines.index(heading)
    end = start + 1
    blanks = 0
    while end < len(lines) and blanks < 3:
        blanks += lines[end] == ""
        end += 1
    return lines[start:end]


def check_key_figures(c, run, profile, label):
    p = ex.load_profile(profile)
    text = run.export(profile)
    lines = text.split("\n")
    if not c.check(f"{label}: a 主要指标 heading", "主要指标" in lines):
        return
    block = table_block(lines, "主要指标")
    header = next((l for l in block if l.startswith("指标")), "")
    c.check(f"{label}: the table's columns", re.split(r"\s+", header.strip())[:4]
            == ["指标", "数值", "时期", "范围"], repr(header))
    notes_at = next((i for i, l in enumerate(block) if l.startswith("注：")), len(block))
    rows, notes = block[:notes_at], squeeze("\n".join(block[notes_at:]))
    at = 0
    for ind in ex.key_figures(p):
        fig = ex.figure(ind)
        hit = next((k for k in range(at, len(rows)) if fig in rows[k]
                    and ind["name"].startswith(re.split(r"\s{2,}", rows[k].strip())[0])), None)
        if not c.check(f"{label}: a row for {ind['name']} {fig}", hit is not None):
            continue
        at = hit + 1
        if "note" in ind:
            m = re.search(re.escape(fig) + "(" + MARKER + ")", rows[hit])
            if c.check(f"{label}: the marker of {ind['id']}'s note right after {fig}",
                       m is not None, repr(rows[hit])):
                c.check(f"{label}: note {m.group(1)} of {ind['id']} under the table",
                        squeeze(m.group(1) + ind["note"]) in notes, notes[:200])


def check_run_in(c, run, profile, label):
    p = ex.load_profile(profile)
    lines = run.export(profile).split("\n")
    indent = IDEOGRAPHIC_SPACE * 2
    count = 0
    for _, s, level in ex.sections(p):
        head = ex.heading_text(s)
        if s.get("marker", "").endswith("是"):
            count += 1
            lead = ex.run_in_lead(s)
            c.check(f"{label}: {head[:20]} is not alone on a line",
                    head not in [l.strip() for l in lines])
            if columns(indent + lead) < 80 and s.get("paragraphs"):
                c.check(f"{label}: {head[:20]} opens a paragraph line",
                        any(l.startswith(indent + lead) and len(l) > len(indent + lead)
                            for l in lines), lead)
        elif level <= 2:
            c.check(f"{label}: heading {head[:20]} on its own line", head in lines)
    if os.path.basename(profile) == "haidian.json":
        c.check(f"{label}: the profile has 一是 items", count > 0)


def check_parts_and_labels(c, run, profile, label):
    lines = run.export(profile, "brief.parts=title,facts,table,narrative").split("\n")
    c.check(f"{label}: no 资料来源 heading without the sources part", "资料来源" not in lines)
    c.check(f"{label}: no 图表 heading without the charts part", "图表" not in lines)
    lines = run.export(profile, "brief.table=none").split("\n")
    c.check(f"{label}: no 主要指标 heading without rows", "主要指标" not in lines)
    text = run.export(profile, "brief.label_sources=参考资料", "brief.label_key_figures=要目",
                      "brief.label_col_figure=数额", "brief.label_notes=说明")
    lines = text.split("\n")
    c.check(f"{label}: the sources heading is the brief's label", "参考资料" in lines
            and "资料来源" not in lines)
    c.check(f"{label}: the table heading is the brief's label", "要目" in lines)
    c.check(f"{label}: the column labels are the brief's",
            any(l.startswith("指标") and "数额" in l for l in lines))
    c.check(f"{label}: the notes label is the brief's", any(l.startswith("说明：") for l in lines))
    # the format's own key, which the core reads when it composes the brief for txt
    lines = run.export(profile, "txt.table=none").split("\n")
    c.check(f"{label}: [txt] table = none is honoured", "主要指标" not in lines)
    lines = run.export(profile, "txt.table=all").split("\n")
    block = table_block(lines, "指标") if "指标" in lines else []
    p = ex.load_profile(profile)
    c.check(f"{label}: [txt] table = all lists every indicator under 指标",
            sum(1 for l in block if re.search(r"\S\s{2,}\S", l)) >= len(p["indicators"]))


def centred(line, width, text):
    pad = len(line) - len(line.lstrip(" "))
    return line.strip() == text and abs(pad - (width - columns(text)) // 2) <= 1


def date_zh(iso):
    y, m, d = (int(x) for x in iso.split("-"))
    return f"{y}年{m}月{d}日"


def check_templates(c, run, profile, label):
    p = ex.load_profile(profile)
    date = date_zh(p["as_of"])
    title_line = p["name"]["zh"] + (f"（{p['name']['en']}）" if "en" in p["name"] else "")

    lines = run.export(profile, *OFFICIAL).rstrip("\n").split("\n")
    name_at = next((i for i, l in enumerate(lines) if centred(l, 80, "北京市海淀区人民政府文件")),
                   None)
    title_at = lines.index(title_line) if title_line in lines else None
    if c.check(f"{label} official: the 发文机关标志 centred", name_at is not None) and \
            c.check(f"{label} official: the title", title_at is not None):
        head = lines[name_at:title_at]
        c.check(f"{label} official: masthead before the title", name_at < title_at)
        c.check(f"{label} official: 发文字号 centred in the masthead",
                any(centred(l, 80, "海政发〔2020〕12号") for l in head), repr(head))
        c.check(f"{label} official: the red rule under the masthead", "=" * 80 in head)
    tail = lines[-3:]
    c.check(f"{label} official: the colophon's 抄送 line",
            any(l.startswith("抄送：区委办公室") for l in tail), repr(tail))
    c.check(f"{label} official: the colophon is last, 印发机关 left and date right",
            lines[-1].startswith("北京市海淀区人民政府") and lines[-1].endswith(date + "印发")
            and columns(lines[-1]) == 80, repr(lines[-1]))
    c.check(f"{label} official: a rule opens the colophon", "-" * 80 in lines[-4:], repr(tail))

    lines = run.export(profile, *BULLETIN).rstrip("\n").split("\n")
    name_at = next((i for i, l in enumerate(lines) if centred(l, 80, "海淀区情简报")), None)
    title_at = lines.index(title_line) if title_line in lines else None
    if c.check(f"{label} bulletin: the 简报名称 centred", name_at is not None) and \
            c.check(f"{label} bulletin: the title", title_at is not None):
        head = lines[name_at:title_at]
        c.check(f"{label} bulletin: masthead before the title", name_at < title_at)
        c.check(f"{label} bulletin: 期号 centred", any(centred(l, 80, "第3期") for l in head),
                repr(head))
        c.check(f"{label} bulletin: 编印单位 left and date right on one line",
                any(l.startswith("海淀区统计局编") and l.endswith(date) and columns(l) == 80
                    for l in head), repr(head))
        c.check(f"{label} bulletin: the red rule under the masthead", "=" * 80 in head)
    c.check(f"{label} bulletin: the colophon is last, 共印份数 at the right edge",
            lines[-1].endswith("（共印50份）") and columns(lines[-1]) == 80, repr(lines[-1]))

    lines = run.export(profile).split("\n")
    c.check(f"{label} report: no masthead and no colophon", lines[0] == title_line
            and not any(l.startswith(("抄送：", "报：")) for l in lines), repr(lines[0]))


def check_encodings(c, run, profile, label):
    utf8 = run.export(profile, raw=True)
    for sets in ([], OFFICIAL, BULLETIN):
        a = run.export(profile, *sets, raw=True)
        b = run.export(profile, *sets, raw=True)
        c.check(f"{label} {sets[:1]}: two runs give the same bytes", a == b)
    crlf = run.export(profile, "txt.line_ending=crlf", raw=True)
    c.check(f"{label}: crlf ends every line with CR LF",
            crlf.count(b"\n") == crlf.count(b"\r\n") > 10)
    c.check(f"{label}: crlf is the same text", crlf.replace(b"\r\n", b"\n") == utf8)
    gb = run.export(profile, "txt.encoding=gb18030", raw=True)
    c.check(f"{label}: gb18030 is the same text", gb != utf8 and gb.decode("gb18030") ==
            utf8.decode("utf-8"))


def main():
    dossier, source_dir, work = sys.argv[1:4]
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    run = Run(dossier, work)
    c = ex.Checker()
    haidian = os.path.join(source_dir, "data", "haidian.json")
    cases = [(f, p) for p in ex.profiles(source_dir)
             for f in (check_widths, check_title_block, check_key_figures, check_run_in)]
    cases += [(f, haidian) for f in (check_fact_note, check_parts_and_labels, check_templates,
                                        check_encodings)]
    for check, profile in cases:
        label = os.path.basename(profile).removesuffix(".json")
        try:
            check(c, run, profile, label)
        except RuntimeError as e:  # an export failed: the other checks still run
            c.check(f"{label}: {check.__name__}", False, str(e))
    c.finish()


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""check_figure_place.py — each figure near its first mention ([brief] figures = mention,
docs/pdf.md "Figures"): the page of a chart's caption is the page on which the paragraph that
first mentions it ends, or the next one (the figure floats to the next page's top when it does
not fit; text continues to fill the page).

The first mention comes from the profile, not from the PDF or the composer: for each point
of a chart's series (and secondary series), the paragraph of the section its source cites
(the section's title counting with its first paragraph; without a section, the whole
document in reading order) that holds its quote, else its figure as written (blanks
ignored, not inside a longer number); else the cited section's first paragraph (or the
document's first lead paragraph). The chart's mention is the earliest of its points' in
reading order; a chart whose points' sources have no narrative has none and is not checked.

In the PDF (pdftotext -bbox, the page-number band left out, each page's words joined): a
paragraph ends on the first page, at or after the page of its first characters, that holds
its last characters; a figure is on the page that holds its caption "图N title" (the words
on the baseline of a word 图N, left to right; the longest chart title after 图N).

  check_figure_place.py mention DOSSIER PROFILE WORKDIR [KEY=VALUE ...]
"""
import re

from pdf_common import (export, fail, figure, fold, is_page_number_band, load_profile, main,
                        squash, walk_sections, words)


def states(ind, text, by_quote):
    hay = squash(text)
    if by_quote:
        return squash(ind["quote"]) in hay
    fig = re.escape(squash(figure(ind)))
    return re.search(r"(?<![0-9.])" + fig if fig[:1].isdigit() else fig, hay) is not None


def reading_order(profile):
    """[(document id, section id or None, index, text)] of every paragraph, in reading order."""
    out = []
    for doc in profile.get("documents", []):
        for i, p in enumerate(doc.get("paragraphs", [])):
            out.append((doc["source"], None, i, p))
        for _, s in walk_sections(doc.get("sections")):
            for i, p in enumerate(s.get("paragraphs", [])):
                out.append((doc["source"], s["id"], i, p))
    return out


def subtree(section):
    yield section
    for _, s in walk_sections(section.get("sections")):
        yield s


def mention(profile, ind, order):
    """The place in `order` of the paragraph that mentions ind, or None."""
    doc_id = ind["source"]["document"]
    docs = [d for d in profile.get("documents", []) if d["source"] == doc_id]
    if not docs:
        return None
    sec_id = ind["source"].get("section")
    sections = {s["id"]: s for _, s in walk_sections(docs[0].get("sections"))}
    where = {(d, s, i): k for k, (d, s, i, _) in enumerate(order)}
    for by_quote in ([True] if ind.get("quote") else []) + [False]:
        if sec_id:
            sec = sections[sec_id]
            if states(ind, sec["title"], by_quote):
                break
            for i, p in enumerate(sec.get("paragraphs", [])):
                if states(ind, p, by_quote):
                    return where[(doc_id, sec_id, i)]
        else:
            for k, (d, _, _, p) in enumerate(order):
                if d == doc_id and states(ind, p, by_quote):
                    return k
    if sec_id:  # the cited section's first paragraph stands for it
        for s in subtree(sections[sec_id]):
            if s.get("paragraphs"):
                return where[(doc_id, s["id"], 0)]
        return None
    return where[(doc_id, None, 0)] if docs[0].get("paragraphs") else None


def page_texts(pdf):
    return [fold("".join(w[4] for w in ws if not is_page_number_band(w[1])))
            for ws in words(pdf)]


def paragraph_end_page(pages, text):
    t = fold(text)
    head, tail = t[:16], t[-16:]
    for h, page in enumerate(pages):
        if head in page:
            for k in range(h, len(pages)):
                if tail in pages[k]:
                    return k + 1
    fail("paragraph not found in the PDF: %s…" % text[:30])


def check_mention(dossier, profile_path, work, *sets):
    profile = load_profile(profile_path)
    _, pdf, _ = export(dossier, profile_path, work, sets)
    order = reading_order(profile)
    pages = page_texts(pdf)
    titles = sorted((fold(c["title"]) for c in profile.get("charts", [])), key=len, reverse=True)
    captions = {}  # title → pages of "图N title" (the longest title that follows 图N)
    for pg, ws in enumerate(words(pdf), 1):
        for w in ws:
            m = re.match(r"图\d+", w[4])
            if not m:
                continue
            line = fold("".join(v[4] for v in sorted(ws, key=lambda v: v[0])
                                if abs(v[1] - w[1]) < 1 and v[0] >= w[0]))
            line = re.sub(r"^图\d+", "", line)
            title = next((t for t in titles if line.startswith(t)), None)
            if title:
                captions.setdefault(title, []).append(pg)
    by_series = {}
    for ind in profile.get("indicators", []):
        if ind.get("series"):
            by_series.setdefault(ind["series"], []).append(ind)
    checked, bad = 0, []
    for chart in profile.get("charts", []):
        points = by_series.get(chart["series"], []) + by_series.get(chart.get("secondary"), [])
        places = [m for m in (mention(profile, ind, order) for ind in points) if m is not None]
        if not places:
            continue
        text = order[min(places)][3]
        said = paragraph_end_page(pages, text)
        shown = captions.get(fold(chart["title"]), [])
        if len(shown) != 1:
            fail("the caption of %s is on %d lines" % (chart["title"], len(shown)))
        checked += 1
        if not said <= shown[0] <= said + 1:
            bad.append("%s on page %d, first mentioned on page %d (%s…)"
                       % (chart["title"], shown[0], said, text[:20]))
    if bad:
        fail("; ".join(bad))
    if checked == 0:
        fail("no chart of %s is mentioned in its narrative" % profile_path)
    print("%d figures on the page of their first mention or the next" % checked)


if __name__ == "__main__":
    main({"mention": check_mention})

#!/usr/bin/env python3
"""check_punct.py — half-width punctuation between Chinese characters set full-width
([pdf] punctuation, docs/pdf.md "Punctuation"), read back with pdftotext.

For every `,` `;` `:` `(` `)` between two Chinese characters in the profile's paragraphs
(expectations from the JSON): by default the PDF's text has the full-width form between the
same two characters and never the half-width one; with `punctuation=source` the half-width
one. Every number written with a comma or a point (1,000, 2.6) is in the text unchanged.

  check_punct.py punct DOSSIER PROFILE WORKDIR
"""
import re

from pdf_common import body_text, export, fail, load_profile, main, paragraphs, squash

HAN = "\u4e00-\u9fff"
FULL = {",": "，", ";": "；", ":": "：", "(": "（", ")": "）"}
BETWEEN = re.compile("([%s])([,;:()])(?=[%s])" % (HAN, HAN))
NUMBER = re.compile(r"\d+(?:[.,]\d+)+")


def check_punct(dossier, profile, work):
    p = load_profile(profile)
    cases = set()
    numbers = set()
    for para in paragraphs(p):
        t = squash(para)
        for m in BETWEEN.finditer(t):
            cases.add((m.group(1), m.group(2), t[m.end()]))
        numbers.update(NUMBER.findall(t))
    if len(cases) < 5:
        fail("the profile has only %d half-width marks between Chinese characters" % len(cases))
    _, pdf, _ = export(dossier, profile, work + "/fullwidth")
    _, src, _ = export(dossier, profile, work + "/source", ["pdf.punctuation=source"])
    full, kept = squash(body_text(pdf)), squash(body_text(src))
    for a, mark, b in sorted(cases):
        if a + FULL[mark] + b not in full:
            fail("default: %s%s%s is not set as %s%s%s" % (a, mark, b, a, FULL[mark], b))
        if a + mark + b in full:
            fail("default: %s%s%s is still half-width" % (a, mark, b))
        if a + mark + b not in kept:
            fail("punctuation=source: %s%s%s is not kept" % (a, mark, b))
    for n in sorted(numbers):
        if n not in full:
            fail("the number %s is not in the text as written" % n)
    print("%d marks between Chinese characters, %d numbers with , or ." % (len(cases),
                                                                           len(numbers)))


if __name__ == "__main__":
    main({"punct": check_punct})

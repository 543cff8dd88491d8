#!/usr/bin/env python3
"""check_fill.py — no page but the last is more than a third empty (figures float: a figure
that does not fit on the rest of a page waits for the next page's top while the text after
it fills this one; docs/pdf.md).

The lowest ink of each page is the bottom of its lowest word (pdftotext -bbox; the page
number band excluded): a chart's lowest word is its caption, under the bars. The official
text block is 225 mm high; a page whose lowest word is above two thirds of it fails.

  check_fill.py fill DOSSIER PROFILE WORKDIR [KEY=VALUE ...]
"""
from pdf_common import OFFICIAL, export, fail, is_page_number_band, main, words


def check_fill(dossier, profile, work, *sets):
    _, pdf, _ = export(dossier, profile, work, sets)
    st = OFFICIAL
    pages = words(pdf)
    bad = []
    for pg, ws in enumerate(pages[:-1], 1):
        low = max((w[3] for w in ws if not is_page_number_band(w[1])), default=st["top"])
        filled = (low - st["top"]) / st["height"]
        if filled < 2 / 3:
            bad.append("page %d filled to %.0f%%" % (pg, filled * 100))
    if bad:
        fail("%d of %d pages more than a third empty: %s" % (len(bad), len(pages),
                                                            "; ".join(bad)))
    print("%d pages, every page but the last at least two thirds full" % len(pages))


if __name__ == "__main__":
    main({"fill": check_fill})

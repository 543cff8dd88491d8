/* pdf_replay.c — the layout's display lists drawn with libharu, one page each.
 *
 * Text: each run is shown with the text matrix at the position the layout computed and its
 * spacing as character spacing (Tc); a run that ends its line shows its last glyph with no
 * spacing, so no line reaches past the text block. libharu's own idea of a text's width is
 * never used: the layout measured with the same advances libharu writes into /W.
 * Paths: moves, lines, Béziers and closes, then stroke, fill or both, in the colours and the
 * line width the operation carries (set only when they change).
 */
#include <stdlib.h>
#include <string.h>

#include "pdf.h"

typedef struct pen {
    lay_rgb fill, stroke;
    double width;
    bool known; /* the values above are the page's */
} pen;

static bool same_rgb(lay_rgb a, lay_rgb b)
{
    return a.r == b.r && a.g == b.g && a.b == b.b;
}

static void set_fill(HPDF_Page page, pen *p, lay_rgb c)
{
    if (p->known && same_rgb(p->fill, c))
        return;
    HPDF_Page_SetRGBFill(page, c.r, c.g, c.b);
    p->fill = c;
}

/* Shows glyphs [a, b) of a run, the first at x, in chunks that fit libharu's buffer. */
static void show(HPDF_Page page, const lay_dl_glyph *g, size_t a, size_t b, double x, double y,
                 double tc)
{
    char buf[1024];
    size_t len = 0;
    double pos = x, start = x;
    HPDF_Page_SetCharSpace(page, (HPDF_REAL)tc);
    for (size_t i = a; i <= b; i++) {
        if (i == b || len + 4 >= sizeof buf) {
            if (len) {
                buf[len] = '\0';
                HPDF_Page_SetTextMatrix(page, 1, 0, 0, 1, (HPDF_REAL)start, (HPDF_REAL)y);
                HPDF_Page_ShowText(page, buf);
            }
            len = 0;
            start = pos;
            if (i == b)
                break;
        }
        len += lay_utf8_encode(g[i].cp, buf + len);
        pos += g[i].adv + tc;
    }
}

static void text(pdf_doc *d, HPDF_Page page, pen *p, const lay_dl *dl, const lay_op *op)
{
    const lay_dl_glyph *g = dl->glyphs + op->first;
    HPDF_Font font = d->fonts[op->face];
    if (!font || op->n == 0)
        return;
    set_fill(page, p, op->fill);
    HPDF_Page_BeginText(page);
    HPDF_Page_SetFontAndSize(page, font, (HPDF_REAL)op->size);
    if (op->end_line && op->tc != 0 && op->n > 1) {
        show(page, g, 0, op->n - 1, op->x, op->y, op->tc);
        double w = 0;
        for (size_t k = 0; k + 1 < op->n; k++)
            w += g[k].adv + op->tc;
        show(page, g, op->n - 1, op->n, op->x + w, op->y, 0);
    } else {
        show(page, g, 0, op->n, op->x, op->y, op->end_line ? 0 : op->tc);
    }
    HPDF_Page_EndText(page);
}

static void path(HPDF_Page page, pen *p, const lay_dl *dl, const lay_op *op)
{
    if (op->do_stroke) {
        if (!p->known || p->width != op->line_width)
            HPDF_Page_SetLineWidth(page, (HPDF_REAL)op->line_width);
        if (!p->known || !same_rgb(p->stroke, op->stroke))
            HPDF_Page_SetRGBStroke(page, op->stroke.r, op->stroke.g, op->stroke.b);
        p->width = op->line_width;
        p->stroke = op->stroke;
    }
    if (op->do_fill)
        set_fill(page, p, op->fill);
    p->known = true;
    for (size_t i = 0; i < op->n; i++) {
        const lay_seg *s = &dl->segs[op->first + i];
        switch (s->kind) {
        case LAY_SEG_MOVE:
            HPDF_Page_MoveTo(page, (HPDF_REAL)s->x[0], (HPDF_REAL)s->y[0]);
            break;
        case LAY_SEG_LINE:
            HPDF_Page_LineTo(page, (HPDF_REAL)s->x[0], (HPDF_REAL)s->y[0]);
            break;
        case LAY_SEG_CURVE:
            HPDF_Page_CurveTo(page, (HPDF_REAL)s->x[0], (HPDF_REAL)s->y[0], (HPDF_REAL)s->x[1],
                              (HPDF_REAL)s->y[1], (HPDF_REAL)s->x[2], (HPDF_REAL)s->y[2]);
            break;
        case LAY_SEG_CLOSE:
            HPDF_Page_ClosePath(page);
            break;
        }
    }
    if (op->do_fill && op->do_stroke)
        HPDF_Page_FillStroke(page);
    else if (op->do_fill)
        HPDF_Page_Fill(page);
    else
        HPDF_Page_Stroke(page);
}

dossier_status pdf_replay(pdf_doc *d)
{
    d->pages = calloc(d->L.n_pages ? d->L.n_pages : 1, sizeof *d->pages);
    if (!d->pages)
        return lay_fail(&d->L, DOSSIER_ERR_NO_MEMORY, "out of memory");
    for (size_t i = 0; i < d->L.n_pages; i++) {
        HPDF_Page page = HPDF_AddPage(d->pdf);
        if (!page)
            return pdf_check_hpdf(d, "adding a page");
        d->pages[i] = page;
        HPDF_Page_SetWidth(page, (HPDF_REAL)d->L.st.page_w);
        HPDF_Page_SetHeight(page, (HPDF_REAL)d->L.st.page_h);
        /* A new page starts with black fill and stroke and a line width of 1. */
        pen p = {.width = 1.0, .known = true};
        const lay_dl *dl = lay_page_dl(&d->L, i, "pdf");
        if (!dl)
            return d->L.status;
        for (size_t k = 0; k < dl->n_ops; k++) {
            const lay_op *op = &dl->ops[k];
            if (op->kind == LAY_OP_TEXT)
                text(d, page, &p, dl, op);
            else if (op->kind == LAY_OP_PATH)
                path(page, &p, dl, op);
        }
        lay_page_done(&d->L, i);
        dossier_status s = pdf_check_hpdf(d, "drawing a page");
        if (s != DOSSIER_OK)
            return s;
    }
    return DOSSIER_OK;
}

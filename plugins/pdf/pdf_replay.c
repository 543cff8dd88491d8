/* pdf_replay.c — the layout's display lists written as each page's content stream.
 *
 * The operators are written here into one buffer per page, then stored as the page's
 * contents (libharu still makes the page object, its resources and the file); libharu's
 * drawing calls are not used: its text calls encode through a font's encoder, and the fonts
 * of pdf_embed.c have none.
 *
 * Text: each run is shown with the text matrix at the position the layout computed and its
 * spacing as character spacing (Tc); a run that ends its line shows its last glyph with no
 * spacing, so no line reaches past the text block. Codes are the fonts' two-byte CIDs.
 * Paths: moves, lines, Béziers and closes, then stroke, fill or both, in the colours and the
 * line width the operation carries (set only when they change). Numbers have at most four
 * decimals and do not depend on the locale.
 */
#include <hpdf_pages.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dossier/plugin_util.h"
#include "pdf.h"

typedef struct pen {
    lay_rgb fill, stroke;
    double width;
} pen;

static bool same_rgb(lay_rgb a, lay_rgb b)
{
    return a.r == b.r && a.g == b.g && a.b == b.b;
}

static void put_num(dossier_buf *b, double v)
{
    lay_buf_decimal(b, v, 4);
}

static void put_rgb(dossier_buf *b, lay_rgb c, const char *op)
{
    put_num(b, c.r);
    dossier_buf_puts(b, " ");
    put_num(b, c.g);
    dossier_buf_puts(b, " ");
    put_num(b, c.b);
    dossier_buf_puts(b, " ");
    dossier_buf_puts(b, op);
    dossier_buf_puts(b, "\012");
}

static void set_fill(dossier_buf *b, pen *p, lay_rgb c)
{
    if (same_rgb(p->fill, c))
        return;
    put_rgb(b, c, "rg");
    p->fill = c;
}

static void put_point(dossier_buf *b, const double *x, const double *y, int n, const char *op)
{
    for (int i = 0; i < n; i++) {
        put_num(b, x[i]);
        dossier_buf_puts(b, " ");
        put_num(b, y[i]);
        dossier_buf_puts(b, " ");
    }
    dossier_buf_puts(b, op);
    dossier_buf_puts(b, "\012");
}

/* Glyphs [a, b) of a run as one string of two-byte CIDs, the first at (x, y). */
static void show(dossier_buf *b, const hb_map_t *cid_of, const lay_dl_glyph *g, size_t a,
                 size_t e, double x, double y)
{
    dossier_buf_puts(b, "1 0 0 1 ");
    put_num(b, x);
    dossier_buf_puts(b, " ");
    put_num(b, y);
    dossier_buf_puts(b, " Tm\012<");
    for (size_t i = a; i < e; i++) {
        hb_codepoint_t cid = hb_map_get(cid_of, g[i].cp);
        if (cid == HB_MAP_VALUE_INVALID)
            cid = 0; /* not registered with the fonts: .notdef (never happens) */
        char c[4];
        pdf_hex4(c, cid);
        dossier_buf_write(b, c, 4);
    }
    dossier_buf_puts(b, "> Tj\012");
}

static void text(pdf_doc *d, dossier_buf *b, pen *p, const lay_dl *dl, const lay_op *op)
{
    const lay_dl_glyph *g = dl->glyphs + op->first;
    const pdf_font *f = &d->fonts[op->face];
    if (!f->type0 || op->n == 0)
        return;
    set_fill(b, p, op->fill);
    dossier_buf_puts(b, "BT\012/");
    dossier_buf_puts(b, f->res);
    dossier_buf_puts(b, " ");
    put_num(b, op->size);
    dossier_buf_puts(b, " Tf\012");
    double tc = op->end_line && op->n == 1 ? 0 : op->tc;
    put_num(b, tc);
    dossier_buf_puts(b, " Tc\012");
    if (op->end_line && op->tc != 0 && op->n > 1) {
        /* the last glyph of a line without spacing after it: no line reaches past the block */
        show(b, f->cid_of, g, 0, op->n - 1, op->x, op->y);
        double w = 0;
        for (size_t k = 0; k + 1 < op->n; k++)
            w += g[k].adv + op->tc;
        dossier_buf_puts(b, "0 Tc\012");
        show(b, f->cid_of, g, op->n - 1, op->n, op->x + w, op->y);
    } else {
        show(b, f->cid_of, g, 0, op->n, op->x, op->y);
    }
    dossier_buf_puts(b, "ET\012");
}

static void path(dossier_buf *b, pen *p, const lay_dl *dl, const lay_op *op)
{
    if (op->do_stroke) {
        if (p->width != op->line_width) {
            put_num(b, op->line_width);
            dossier_buf_puts(b, " w\012");
        }
        if (!same_rgb(p->stroke, op->stroke))
            put_rgb(b, op->stroke, "RG");
        p->width = op->line_width;
        p->stroke = op->stroke;
    }
    if (op->do_fill)
        set_fill(b, p, op->fill);
    for (size_t i = 0; i < op->n; i++) {
        const lay_seg *s = &dl->segs[op->first + i];
        switch (s->kind) {
        case LAY_SEG_MOVE: put_point(b, s->x, s->y, 1, "m"); break;
        case LAY_SEG_LINE: put_point(b, s->x, s->y, 1, "l"); break;
        case LAY_SEG_CURVE: put_point(b, s->x, s->y, 3, "c"); break;
        case LAY_SEG_CLOSE: dossier_buf_puts(b, "h\012"); break;
        }
    }
    dossier_buf_puts(b, op->do_fill && op->do_stroke ? "B\012" : op->do_fill ? "f\012" : "S\012");
}

/* The page's operators, stored as its contents. */
static dossier_status page_contents(pdf_doc *d, HPDF_Page page, const lay_dl *dl,
                                    dossier_buf *b)
{
    /* A new page starts with black fill and stroke and a line width of 1. */
    pen p = {.width = 1.0};
    b->len = 0;
    for (size_t k = 0; k < dl->n_ops; k++) {
        const lay_op *op = &dl->ops[k];
        if (op->kind == LAY_OP_TEXT)
            text(d, b, &p, dl, op);
        else if (op->kind == LAY_OP_PATH)
            path(b, &p, dl, op);
    }
    if (b->error)
        return lay_fail(&d->L, DOSSIER_ERR_NO_MEMORY, "out of memory");
    HPDF_PageAttr attr = (HPDF_PageAttr)page->attr;
    if (b->len) {
        /* deflated from our buffer into the page's contents: no copy into a memory stream */
        dossier_status st = pdf_deflate_into(d, attr->contents, b->data, b->len);
        if (st != DOSSIER_OK)
            return st;
        attr->stream = attr->contents->stream;
    }
    HPDF_Dict res = HPDF_Dict_GetItem(page, "Resources", HPDF_OCLASS_DICT);
    if (!res || HPDF_Dict_Add(res, "Font", d->font_res) != HPDF_OK)
        return pdf_failed(d, "adding the fonts to a page");
    return DOSSIER_OK;
}

dossier_status pdf_replay(pdf_doc *d)
{
    d->pages = calloc(d->L.n_pages ? d->L.n_pages : 1, sizeof *d->pages);
    if (!d->pages)
        return lay_fail(&d->L, DOSSIER_ERR_NO_MEMORY, "out of memory");
    dossier_buf b;
    dossier_buf_init(&b);
    dossier_status s = DOSSIER_OK;
    for (size_t i = 0; s == DOSSIER_OK && i < d->L.n_pages; i++) {
        HPDF_Page page = HPDF_AddPage(d->pdf);
        if (!page) {
            s = pdf_check_hpdf(d, "adding a page");
            break;
        }
        d->pages[i] = page;
        HPDF_Page_SetWidth(page, (HPDF_REAL)d->L.st.page_w);
        HPDF_Page_SetHeight(page, (HPDF_REAL)d->L.st.page_h);
        const lay_dl *dl = lay_page_dl(&d->L, i, "pdf");
        if (!dl) {
            s = d->L.status;
            break;
        }
        s = page_contents(d, page, dl, &b);
        lay_page_done(&d->L, i);
        if (s == DOSSIER_OK)
            s = pdf_check_hpdf(d, "drawing a page");
    }
    dossier_buf_free(&b);
    return s;
}

/* lay_dl.c — the display list of a page: the drawing calls of the layout (colours, line
 * width, path construction, painting, glyph runs, anchors) recorded as operations a backend
 * replays. The builder keeps a small graphics state (fill and stroke colour, line width) with
 * save/restore, so drawing code reads like PDF drawing code, but each recorded operation
 * carries its full state: a backend needs no state machine of its own.
 *
 * Ownership: the arrays are malloc'd and freed by lay_dl_free. A failed allocation sets
 * `failed` (checked by lay_draw_page) and later calls do nothing.
 */
#include <stdlib.h>
#include <string.h>

#include "layout.h"

/* Bézier approximation of a quarter circle (the constant libharu and PostScript use). */
#define KAPPA 0.5522847498

void lay_dl_init(lay_dl *dl)
{
    memset(dl, 0, sizeof *dl);
    dl->gs.line_width = 1.0;
}

void lay_dl_free(lay_dl *dl)
{
    free(dl->ops);
    free(dl->segs);
    free(dl->glyphs);
    memset(dl, 0, sizeof *dl);
}

static bool grow(lay_dl *dl, void **v, size_t n, size_t *cap, size_t size, size_t more)
{
    if (dl->failed)
        return false;
    if (n + more <= *cap)
        return true;
    size_t c = *cap ? *cap * 2 : 64;
    while (c < n + more)
        c *= 2;
    void *g = realloc(*v, c * size);
    if (!g) {
        dl->failed = true;
        return false;
    }
    *v = g;
    *cap = c;
    return true;
}

static lay_op *push_op(lay_dl *dl, lay_op_kind kind)
{
    if (!grow(dl, (void **)&dl->ops, dl->n_ops, &dl->cap_ops, sizeof *dl->ops, 1))
        return NULL;
    lay_op *op = &dl->ops[dl->n_ops++];
    memset(op, 0, sizeof *op);
    op->kind = kind;
    op->fill = dl->gs.fill;
    op->stroke = dl->gs.stroke;
    op->line_width = dl->gs.line_width;
    return op;
}

static void seg(lay_dl *dl, lay_seg_kind kind, const double *xs, const double *ys, int n)
{
    if (!grow(dl, (void **)&dl->segs, dl->n_segs, &dl->cap_segs, sizeof *dl->segs, 1))
        return;
    lay_seg *s = &dl->segs[dl->n_segs++];
    memset(s, 0, sizeof *s);
    s->kind = kind;
    for (int i = 0; i < n; i++) {
        s->x[i] = xs[i];
        s->y[i] = ys[i];
    }
}

void lay_dl_save(lay_dl *dl)
{
    if (dl->depth < sizeof dl->saved / sizeof dl->saved[0])
        dl->saved[dl->depth] = dl->gs;
    dl->depth++;
}

void lay_dl_restore(lay_dl *dl)
{
    if (dl->depth == 0)
        return;
    dl->depth--;
    if (dl->depth < sizeof dl->saved / sizeof dl->saved[0])
        dl->gs = dl->saved[dl->depth];
}

void lay_dl_fill_rgb(lay_dl *dl, double r, double g, double b)
{
    dl->gs.fill = (lay_rgb){(float)r, (float)g, (float)b};
}

void lay_dl_stroke_rgb(lay_dl *dl, double r, double g, double b)
{
    dl->gs.stroke = (lay_rgb){(float)r, (float)g, (float)b};
}

void lay_dl_fill_gray(lay_dl *dl, double g)
{
    lay_dl_fill_rgb(dl, g, g, g);
}

void lay_dl_stroke_gray(lay_dl *dl, double g)
{
    lay_dl_stroke_rgb(dl, g, g, g);
}

void lay_dl_line_width(lay_dl *dl, double w)
{
    dl->gs.line_width = w;
}

void lay_dl_move(lay_dl *dl, double x, double y)
{
    seg(dl, LAY_SEG_MOVE, &x, &y, 1);
}

void lay_dl_line(lay_dl *dl, double x, double y)
{
    seg(dl, LAY_SEG_LINE, &x, &y, 1);
}

void lay_dl_curve(lay_dl *dl, double x1, double y1, double x2, double y2, double x3, double y3)
{
    const double xs[3] = {x1, x2, x3}, ys[3] = {y1, y2, y3};
    seg(dl, LAY_SEG_CURVE, xs, ys, 3);
}

void lay_dl_close(lay_dl *dl)
{
    seg(dl, LAY_SEG_CLOSE, NULL, NULL, 0);
}

void lay_dl_rect(lay_dl *dl, double x, double y, double w, double h)
{
    lay_dl_move(dl, x, y);
    lay_dl_line(dl, x + w, y);
    lay_dl_line(dl, x + w, y + h);
    lay_dl_line(dl, x, y + h);
    lay_dl_close(dl);
}

void lay_dl_circle(lay_dl *dl, double cx, double cy, double r)
{
    double k = r * KAPPA;
    lay_dl_move(dl, cx - r, cy);
    lay_dl_curve(dl, cx - r, cy + k, cx - k, cy + r, cx, cy + r);
    lay_dl_curve(dl, cx + k, cy + r, cx + r, cy + k, cx + r, cy);
    lay_dl_curve(dl, cx + r, cy - k, cx + k, cy - r, cx, cy - r);
    lay_dl_curve(dl, cx - k, cy - r, cx - r, cy - k, cx - r, cy);
    lay_dl_close(dl);
}

static void paint(lay_dl *dl, bool fill, bool stroke)
{
    size_t first = dl->path_first, n = dl->n_segs - first;
    dl->path_first = dl->n_segs;
    if (n == 0 || (!fill && !stroke))
        return;
    lay_op *op = push_op(dl, LAY_OP_PATH);
    if (!op)
        return;
    op->first = first;
    op->n = n;
    op->do_fill = fill;
    op->do_stroke = stroke;
}

void lay_dl_stroke(lay_dl *dl)
{
    paint(dl, false, true);
}

void lay_dl_fill(lay_dl *dl)
{
    paint(dl, true, false);
}

void lay_dl_fill_stroke(lay_dl *dl)
{
    paint(dl, true, true);
}

void lay_dl_end_path(lay_dl *dl)
{
    paint(dl, false, false);
}

void lay_dl_text(lay_dl *dl, uint8_t face, double size, double x, double y, double tc,
                 bool end_line, const lay_dl_glyph *g, size_t n)
{
    if (n == 0 ||
        !grow(dl, (void **)&dl->glyphs, dl->n_glyphs, &dl->cap_glyphs, sizeof *dl->glyphs, n))
        return;
    size_t first = dl->n_glyphs;
    memcpy(dl->glyphs + first, g, n * sizeof *g);
    dl->n_glyphs += n;
    lay_op *op = push_op(dl, LAY_OP_TEXT);
    if (!op)
        return;
    op->first = first;
    op->n = n;
    op->face = face;
    op->size = size;
    op->x = x;
    op->y = y;
    op->tc = tc;
    op->end_line = end_line;
}

void lay_dl_anchor(lay_dl *dl, size_t ref, double y)
{
    lay_op *op = push_op(dl, LAY_OP_ANCHOR);
    if (op) {
        op->ref = ref;
        op->y = y;
    }
}

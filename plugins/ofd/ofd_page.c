/* ofd_page.c — one page's display list as Doc_0/Pages/Page_N/Content.xml: one Layer holding,
 * in drawing order, a TextObject per glyph run and a PathObject per painted path.
 *
 * Text: the run's Font (the face's ID in PublicRes) and Size in mm; one TextCode with the
 * run's characters (a character beyond U+FFFF in a TextCode of its own), X/Y of its first
 * glyph's origin on the baseline relative to the object's Boundary, and DeltaX, the distance from each glyph to the next (advance plus the run's
 * spacing), so a reader places every glyph where the layout did. Positions are rounded to
 * 0.001 mm absolutely and DeltaX taken between the rounded positions, so rounding never
 * accumulates along a line. The Boundary is the run's box with room around it (a reader may
 * clip to it). Colour: FillColor unless black.
 * Paths: AbbreviatedData (M, L, B for cubic Béziers, C to close) relative to the Boundary,
 * which is the path's box grown by the line width; Stroke/Fill, LineWidth in mm, colours.
 */
#include <errno.h>
#include <math.h>
#include <stdlib.h>

#include "ofd.h"

static long long thou(double mm)
{
    return llround(mm * 1000.0);
}

static void num_thou(dossier_buf *b, long long k)
{
    ofd_num(b, (double)k / 1000.0);
}

static bool black(lay_rgb c)
{
    return c.r == 0 && c.g == 0 && c.b == 0;
}

/* Glyphs [a, e) of a run as one TextCode: X and Y of the first, DeltaX between the rest. */
static void text_code(dossier_buf *b, const lay_dl_glyph *g, const long long *at, size_t a,
                      size_t e, long long y)
{
    dossier_buf_puts(b, "<ofd:TextCode X=\"");
    num_thou(b, at[a]);
    dossier_buf_puts(b, "\" Y=\"");
    num_thou(b, y);
    dossier_buf_puts(b, "\"");
    if (e - a > 1) {
        dossier_buf_puts(b, " DeltaX=\"");
        for (size_t i = a + 1; i < e; i++) {
            if (i > a + 1)
                dossier_buf_puts(b, " ");
            num_thou(b, at[i] - at[i - 1]);
        }
        dossier_buf_puts(b, "\"");
    }
    dossier_buf_puts(b, ">");
    for (size_t i = a; i < e; i++) {
        char u[8] = {0};
        lay_utf8_encode(g[i].cp, u);
        dossier_buf_xml(b, u);
    }
    dossier_buf_puts(b, "</ofd:TextCode>");
}

static void text_object(ofd_doc *d, dossier_buf *b, const lay_dl *dl, const lay_op *op)
{
    const lay_dl_glyph *g = dl->glyphs + op->first;
    double size = op->size * OFD_MM_PER_PT;
    double x0 = ofd_x(d, op->x), base = ofd_y(d, op->y);
    /* Box: from half an em before the first glyph to an em after the last one's origin. */
    double span = 0;
    for (size_t i = 0; i + 1 < op->n; i++)
        span += g[i].adv + op->tc;
    span += g[op->n - 1].adv;
    long long bx = thou(x0 - size * 0.5), by = thou(base - size * 1.2);
    long long bw = thou(span * OFD_MM_PER_PT + size), bh = thou(size * 1.6);
    dossier_buf_printf(b, "<ofd:TextObject ID=\"%u\" Boundary=\"", d->next_id++);
    num_thou(b, bx);
    dossier_buf_puts(b, " ");
    num_thou(b, by);
    dossier_buf_puts(b, " ");
    num_thou(b, bw);
    dossier_buf_puts(b, " ");
    num_thou(b, bh);
    dossier_buf_printf(b, "\" Font=\"%u\" Size=\"", d->font_id[op->face]);
    ofd_num(b, size);
    dossier_buf_puts(b, "\">");
    if (!black(op->fill))
        ofd_color(b, "FillColor", op->fill);
    /* Absolute positions in 1/1000 mm, then relative to the box. */
    long long *at = malloc(op->n * sizeof *at);
    if (!at) {
        b->error = ENOMEM;
        return;
    }
    double pos = op->x;
    for (size_t i = 0; i < op->n; i++) {
        at[i] = thou(ofd_x(d, pos)) - bx;
        pos += g[i].adv + op->tc;
    }
    /* A character beyond U+FFFF gets a TextCode of its own: DeltaX counts characters, and a
     * reader that counts UTF-16 units (ofd.js) would shift every glyph after it. */
    for (size_t i = 0; i < op->n;) {
        size_t e = i + 1;
        if (g[i].cp <= 0xFFFF)
            while (e < op->n && g[e].cp <= 0xFFFF)
                e++;
        text_code(b, g, at, i, e, thou(base) - by);
        i = e;
    }
    free(at);
    dossier_buf_puts(b, "</ofd:TextObject>");
}

static void point(ofd_doc *d, dossier_buf *b, double x, double y, long long bx, long long by)
{
    dossier_buf_puts(b, " ");
    num_thou(b, thou(ofd_x(d, x)) - bx);
    dossier_buf_puts(b, " ");
    num_thou(b, thou(ofd_y(d, y)) - by);
}

static void path_object(ofd_doc *d, dossier_buf *b, const lay_dl *dl, const lay_op *op)
{
    const lay_seg *s = dl->segs + op->first;
    double x0 = INFINITY, y0 = INFINITY, x1 = -INFINITY, y1 = -INFINITY;
    for (size_t i = 0; i < op->n; i++) {
        int np = s[i].kind == LAY_SEG_CURVE ? 3 : s[i].kind == LAY_SEG_CLOSE ? 0 : 1;
        for (int k = 0; k < np; k++) {
            double x = ofd_x(d, s[i].x[k]), y = ofd_y(d, s[i].y[k]);
            x0 = fmin(x0, x);
            x1 = fmax(x1, x);
            y0 = fmin(y0, y);
            y1 = fmax(y1, y);
        }
    }
    if (x0 > x1)
        return;
    double lw = op->line_width * OFD_MM_PER_PT, grow = op->do_stroke ? lw : 0.01;
    long long bx = thou(x0 - grow), by = thou(y0 - grow);
    long long bw = thou(x1 - x0 + 2 * grow), bh = thou(y1 - y0 + 2 * grow);
    dossier_buf_printf(b, "<ofd:PathObject ID=\"%u\" Boundary=\"", d->next_id++);
    num_thou(b, bx);
    dossier_buf_puts(b, " ");
    num_thou(b, by);
    dossier_buf_puts(b, " ");
    num_thou(b, bw > 0 ? bw : 1);
    dossier_buf_puts(b, " ");
    num_thou(b, bh > 0 ? bh : 1);
    dossier_buf_puts(b, "\"");
    if (op->do_stroke) {
        dossier_buf_puts(b, " LineWidth=\"");
        ofd_num(b, lw);
        dossier_buf_puts(b, "\"");
    } else {
        dossier_buf_puts(b, " Stroke=\"false\"");
    }
    if (op->do_fill)
        dossier_buf_puts(b, " Fill=\"true\"");
    dossier_buf_puts(b, ">");
    if (op->do_stroke)
        ofd_color(b, "StrokeColor", op->stroke);
    if (op->do_fill)
        ofd_color(b, "FillColor", op->fill);
    dossier_buf_puts(b, "<ofd:AbbreviatedData>");
    for (size_t i = 0; i < op->n; i++) {
        if (i)
            dossier_buf_puts(b, " ");
        switch (s[i].kind) {
        case LAY_SEG_MOVE:
            dossier_buf_puts(b, "M");
            point(d, b, s[i].x[0], s[i].y[0], bx, by);
            break;
        case LAY_SEG_LINE:
            dossier_buf_puts(b, "L");
            point(d, b, s[i].x[0], s[i].y[0], bx, by);
            break;
        case LAY_SEG_CURVE:
            dossier_buf_puts(b, "B");
            for (int k = 0; k < 3; k++)
                point(d, b, s[i].x[k], s[i].y[k], bx, by);
            break;
        case LAY_SEG_CLOSE:
            dossier_buf_puts(b, "C");
            break;
        }
    }
    dossier_buf_puts(b, "</ofd:AbbreviatedData></ofd:PathObject>");
}

void ofd_page_xml(ofd_doc *d, const lay_dl *dl, dossier_buf *b)
{
    dossier_buf_puts(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                        "<ofd:Page xmlns:ofd=\"" OFD_NS "\"><ofd:Content>");
    dossier_buf_printf(b, "<ofd:Layer ID=\"%u\">", d->next_id++);
    for (size_t i = 0; i < dl->n_ops; i++) {
        const lay_op *op = &dl->ops[i];
        if (op->kind == LAY_OP_TEXT && op->n && d->font_id[op->face])
            text_object(d, b, dl, op);
        else if (op->kind == LAY_OP_PATH)
            path_object(d, b, dl, op);
    }
    dossier_buf_puts(b, "</ofd:Layer></ofd:Content></ofd:Page>\n");
}

/* lay_colophon.c — 版记 (公文) and 报尾 (简报) at the foot of the last page, after GB/T
 * 9704-2012 7.4: rules as wide as the text block, the first and the last thick (0.35 mm), the
 * ones between the lines thin (0.25 mm); the last rule lies on the text block's bottom edge
 * (the paginator anchors the item there). Each line "label：text" in the body face at 四号,
 * one character in from both edges, a wrapped line continuing under the first character after
 * the colon; the last line has `left` one character in from the left edge and `right` one
 * character in from the right edge.
 *
 * Ownership: the struct and its arrays are malloc'd (lay_colophon_free); the line strings
 * live in the doc's arena, the rest is the brief's.
 */
#include <stdlib.h>

#include "layout.h"

#define THICK (0.35 * LAY_PT_PER_MM)
#define THIN (0.25 * LAY_PT_PER_MM)

struct lay_colophon {
    const dossier_brief_colophon *c;
    const char **texts;  /* "抄送：区委办公室。" per line */
    const char **labels; /* "抄送：" per line: the hang */
    size_t *line_first, *line_n;
    double *row_h;       /* per line, and the left/right line last */
    size_t n_rows;       /* lines, plus one when left or right is set */
};

dossier_status lay_colophon_build(lay_doc *d, const dossier_brief_colophon *c)
{
    if (d->colophon) /* a second colophon: the first one stands */
        return DOSSIER_OK;
    lay_colophon *k = calloc(1, sizeof *k);
    d->colophon = k;
    if (!k)
        return lay_fail(d, DOSSIER_ERR_NO_MEMORY, "out of memory");
    k->c = c;
    k->n_rows = c->n_lines + (c->left || c->right ? 1 : 0);
    size_t n = c->n_lines ? c->n_lines : 1;
    k->texts = calloc(n, sizeof *k->texts);
    k->labels = calloc(n, sizeof *k->labels);
    k->line_first = calloc(n, sizeof *k->line_first);
    k->line_n = calloc(n, sizeof *k->line_n);
    k->row_h = calloc(k->n_rows ? k->n_rows : 1, sizeof *k->row_h);
    if (!k->texts || !k->labels || !k->line_first || !k->line_n || !k->row_h)
        return lay_fail(d, DOSSIER_ERR_NO_MEMORY, "out of memory");
    for (size_t i = 0; i < c->n_lines; i++) {
        k->labels[i] = lay_arena_printf(&d->arena, "%s：", c->lines[i]->label);
        k->texts[i] = lay_arena_printf(&d->arena, "%s：%s", c->lines[i]->label,
                                       c->lines[i]->text);
        if (!k->labels[i] || !k->texts[i])
            return lay_fail(d, DOSSIER_ERR_NO_MEMORY, "out of memory");
    }
    return DOSSIER_OK;
}

void lay_colophon_free(lay_colophon *k)
{
    if (!k)
        return;
    free(k->texts);
    free(k->labels);
    free(k->line_first);
    free(k->line_n);
    free(k->row_h);
    free(k);
}

dossier_status lay_colophon_register_text(lay_doc *d, const lay_colophon *k)
{
    lay_role role = d->st.ts[LAY_TS_COLOPHON].role;
    dossier_status s = DOSSIER_OK;
    for (size_t i = 0; i < k->c->n_lines && s == DOSSIER_OK; i++)
        s = lay_fonts_use(d, role, k->texts[i], "the colophon");
    if (s == DOSSIER_OK && k->c->left)
        s = lay_fonts_use(d, role, k->c->left, "the colophon");
    if (s == DOSSIER_OK && k->c->right)
        s = lay_fonts_use(d, role, k->c->right, "the colophon");
    return s;
}

dossier_status lay_colophon_layout(lay_doc *d, lay_colophon *k, double *height)
{
    lay_textstyle ts = d->st.ts[LAY_TS_COLOPHON];
    ts.align = LAY_LEFT;
    double one = ts.size, total = 0;
    for (size_t i = 0; i < k->c->n_lines; i++) {
        double hang = lay_layout_width(d, k->labels[i], &ts);
        dossier_status s = lay_layout_text(d, k->texts[i], &ts, d->st.text_w - 2 * one - hang,
                                           -hang, &k->line_first[i], &k->line_n[i]);
        if (s != DOSSIER_OK)
            return s;
        for (size_t j = 0; j < k->line_n[i]; j++)
            d->lines[k->line_first[i] + j].x += one + hang;
        k->row_h[i] = (double)(k->line_n[i] ? k->line_n[i] : 1) * ts.leading;
        total += k->row_h[i];
    }
    if (k->n_rows > k->c->n_lines) {
        k->row_h[k->n_rows - 1] = ts.leading;
        total += ts.leading;
    }
    *height = total;
    return DOSSIER_OK;
}

static void rule(lay_dl *dl, double x, double w, double y, double width)
{
    lay_dl_line_width(dl, width);
    lay_dl_move(dl, x, y);
    lay_dl_line(dl, (x + w), y);
    lay_dl_stroke(dl);
}

void lay_colophon_draw(lay_doc *d, lay_dl *dl, const lay_colophon *k, double x, double top)
{
    const lay_textstyle *ts = &d->st.ts[LAY_TS_COLOPHON];
    double w = d->st.text_w, y = top;
    lay_dl_stroke_gray(dl, 0);
    rule(dl, x, w, y, THICK);
    for (size_t i = 0; i < k->n_rows; i++) {
        if (i < k->c->n_lines) {
            double ly = y;
            for (size_t j = 0; j < k->line_n[i]; j++) {
                const lay_line *ln = &d->lines[k->line_first[i] + j];
                lay_draw_line(d, dl, ln, x, ly);
                ly -= ln->height;
            }
        } else {
            const lay_face *f = &d->fonts.faces[d->fonts.role_face[ts->role]];
            double asc = f->ascent - f->descent > 0 ? f->ascent / (f->ascent - f->descent) : 0.88;
            double base = y - (k->row_h[i] - ts->size) / 2 - ts->size * asc;
            lay_textstyle plain = *ts;
            plain.tracking = 0;
            if (k->c->left)
                lay_draw_string(d, dl, k->c->left, &plain, x + ts->size, base, LAY_LEFT);
            if (k->c->right)
                lay_draw_string(d, dl, k->c->right, &plain, x + w - ts->size, base,
                                  LAY_RIGHT);
        }
        y -= k->row_h[i];
        rule(dl, x, w, y, i + 1 == k->n_rows ? THICK : THIN);
    }
}

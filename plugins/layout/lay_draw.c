/* lay_draw.c — the paginated items drawn into each page's display list: text runs
 * positioned by the layout (each run one face, each glyph at the x the layout computed), the
 * red rule under the title block, table rows, charts, masthead and colophon, outline anchors,
 * and the page numbers "— N —" under the text block.
 *
 * A line is recorded as runs of glyphs of one face and one spacing (the line's tracking plus
 * each glyph's justification, lay_justify.c): a run ends where the face or the spacing
 * changes, and the last glyph of a line gets none, so no line reaches past the text block.
 */
#include <stdlib.h>
#include <string.h>

#include "layout.h"

/* Records a line's glyphs as runs of one face and one spacing each, the first at x; glyph
 * i is followed by tc + g[i].after, and the line's last glyph by nothing. */
static void draw_glyphs(lay_doc *d, lay_dl *dl, const lay_glyph *g, size_t n, double x,
                        double baseline, double size, double tc)
{
    if (n == 0)
        return;
    lay_dl_glyph *run = malloc(n * sizeof *run);
    if (!run) {
        lay_fail(d, DOSSIER_ERR_NO_MEMORY, "out of memory");
        return;
    }
    double pos = x;
    size_t a = 0;
    for (size_t i = 1; i <= n; i++) {
        bool last = i == n;
        /* Glyph i joins the run of a when it has a's face and the gap before it is the
         * run's spacing (the gap after a). */
        if (last || g[i].face != g[a].face || (i > a + 1 && g[i - 1].after != g[a].after)) {
            double sp = tc + (i > a + 1 ? g[a].after : 0);
            for (size_t k = a; k < i; k++) {
                run[k - a].cp = g[k].cp;
                run[k - a].gid = g[k].gid;
                run[k - a].adv = g[k].adv;
                run[k - a].width = g[k].width;
            }
            lay_dl_text(dl, g[a].face, size, pos, baseline, sp, last, run, i - a);
            for (size_t k = a; k < i; k++)
                pos += g[k].adv + tc + g[k].after;
            a = i;
        }
    }
    free(run);
}

void lay_draw_line(lay_doc *d, lay_dl *dl, const lay_line *ln, double x, double top)
{
    draw_glyphs(d, dl, d->glyphs + ln->first, ln->n, x + ln->x, top - ln->baseline, ln->size,
                ln->tc);
}

double lay_draw_string(lay_doc *d, lay_dl *dl, const char *text, const lay_textstyle *ts,
                         double x, double baseline, lay_align align)
{
    size_t len = strlen(text), n = 0;
    lay_glyph *g = malloc((len + 1) * sizeof *g);
    if (!g) {
        lay_fail(d, DOSSIER_ERR_NO_MEMORY, "out of memory");
        return 0;
    }
    double w = 0;
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        i += lay_utf8_decode(text + i, len - i, &cp);
        const lay_glyph_map *m = lay_fonts_glyph(&d->fonts, ts->role, cp);
        if (!m || m->face == LAY_NO_FACE)
            continue;
        g[n].cp = m->draw;
        g[n].gid = m->gid;
        g[n].width = m->width;
        g[n].face = m->face;
        g[n].adv = (float)(m->width * ts->size / 1000.0);
        g[n].after = 0;
        w += g[n].adv + ts->tracking;
        n++;
    }
    if (n)
        w -= ts->tracking;
    if (align == LAY_CENTER)
        x -= w / 2;
    else if (align == LAY_RIGHT)
        x -= w;
    draw_glyphs(d, dl, g, n, x, baseline, ts->size, ts->tracking);
    free(g);
    return w;
}

static void page_number(lay_doc *d, lay_dl *dl, size_t index)
{
    const lay_textstyle *ts = &d->st.ts[LAY_TS_PAGE_NUMBER];
    const lay_face *f = &d->fonts.faces[d->fonts.role_face[ts->role]];
    char text[64];
    snprintf(text, sizeof text, "— %zu —", index + 1);
    double left = lay_style_text_left(&d->st, index);
    double bottom = d->st.page_h - d->st.margin_top - d->st.text_h;
    double baseline = bottom - d->st.page_number_gap - ts->size * f->ascent;
    if (!d->st.page_number_outer)
        lay_draw_string(d, dl, text, ts, left + d->st.text_w / 2, baseline, LAY_CENTER);
    else if (index % 2 == 0) /* odd page number: right, one character in */
        lay_draw_string(d, dl, text, ts, left + d->st.text_w - ts->size, baseline,
                          LAY_RIGHT);
    else
        lay_draw_string(d, dl, text, ts, left + ts->size, baseline, LAY_LEFT);
}

/* Is placed[k] a row of the same table as the row `it`? */
static bool same_table(const lay_doc *d, size_t k, const lay_item *it)
{
    const lay_item *o = &d->items[d->placed[k].item];
    return o->kind == LAY_IT_ROW && o->ref == it->ref;
}

static void draw_item(lay_doc *d, lay_dl *dl, const lay_page *pg, size_t k, size_t index,
                      double left)
{
    const lay_placed *pl = &d->placed[k];
    const lay_item *it = &d->items[pl->item];
    switch (it->kind) {
    case LAY_IT_LINE:
        lay_draw_line(d, dl, &d->lines[it->ref], left, pl->top);
        break;
    case LAY_IT_RULE: {
        double y = pl->top - it->height / 2;
        lay_dl_stroke_rgb(dl, LAY_RED_R, LAY_RED_G, LAY_RED_B);
        lay_dl_line_width(dl, 1.0f);
        lay_dl_move(dl, left, y);
        lay_dl_line(dl, (left + d->st.text_w), y);
        lay_dl_stroke(dl);
        lay_dl_stroke_gray(dl, 0);
        break;
    }
    case LAY_IT_ROW: {
        bool first = k == pg->first || !same_table(d, k - 1, it);
        bool last = k + 1 == pg->first + pg->n || !same_table(d, k + 1, it);
        lay_table_draw_row(d, dl, d->tables[it->ref], it->row, left, pl->top, first, last);
        break;
    }
    case LAY_IT_CHART:
        lay_chart_draw(d, dl, d->charts[it->ref], left, pl->top);
        break;
    case LAY_IT_ANCHOR: {
        lay_anchor *a = &d->anchors[it->ref];
        a->page = index;
        a->y = pl->top;
        a->placed = true;
        lay_dl_anchor(dl, it->ref, pl->top);
        break;
    }
    case LAY_IT_MASTHEAD:
        lay_masthead_draw(d, dl, d->masthead, left, pl->top);
        break;
    case LAY_IT_COLOPHON:
        lay_colophon_draw(d, dl, d->colophon, left, pl->top);
        break;
    case LAY_IT_SPACE:
        break;
    }
}

dossier_status lay_draw_page(lay_doc *d, size_t p)
{
    lay_page *pg = &d->pages[p];
    lay_dl_free(&pg->dl);
    lay_dl_init(&pg->dl);
    double left = lay_style_text_left(&d->st, p);
    for (size_t k = pg->first; k < pg->first + pg->n; k++)
        draw_item(d, &pg->dl, pg, k, p, left);
    page_number(d, &pg->dl, p);
    if (d->status != DOSSIER_OK)
        return d->status;
    if (pg->dl.failed)
        return lay_fail(d, DOSSIER_ERR_NO_MEMORY, "out of memory");
    return DOSSIER_OK;
}

/* pdf_render.c — the paginated items drawn with libharu: text runs positioned by their own
 * text matrix (libharu's idea of text width is not used), the red rule under the title
 * block, table rows, charts, masthead and colophon, and the page numbers "— N —" under the
 * text block.
 *
 * A line is drawn as runs of glyphs of one face, each placed at the x the layout computed;
 * the justification spacing is the character spacing (Tc), and the last glyph of a line is
 * drawn with none, so no line reaches past the text block.
 */
#include <stdlib.h>
#include <string.h>

#include "pdf.h"

/* Shows glyphs [a, b) of a line, the first at x. */
static void show(pdf_doc *d, HPDF_Page page, const pdf_glyph *g, size_t a, size_t b, double x,
                 double y, double size, double tc)
{
    char buf[1024];
    size_t len = 0;
    double pos = x, start = x;
    HPDF_Page_SetFontAndSize(page, d->fonts.faces[g[a].face].hfont, (HPDF_REAL)size);
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
        len += pdf_utf8_encode(g[i].cp, buf + len);
        pos += g[i].adv + tc;
    }
}

static void draw_glyphs(pdf_doc *d, HPDF_Page page, const pdf_glyph *g, size_t n, double x,
                        double baseline, double size, double tc)
{
    if (n == 0)
        return;
    HPDF_Page_BeginText(page);
    double pos = x;
    size_t a = 0;
    for (size_t i = 1; i <= n; i++) {
        bool last = i == n;
        if (last || g[i].face != g[a].face) {
            /* The line's last glyph goes on its own with no spacing after it. */
            if (last && tc != 0 && i - a > 1) {
                show(d, page, g, a, i - 1, pos, baseline, size, tc);
                double w = 0;
                for (size_t k = a; k < i - 1; k++)
                    w += g[k].adv + tc;
                show(d, page, g, i - 1, i, pos + w, baseline, size, 0);
            } else {
                show(d, page, g, a, i, pos, baseline, size, last ? 0 : tc);
            }
            for (size_t k = a; k < i; k++)
                pos += g[k].adv + tc;
            a = i;
        }
    }
    HPDF_Page_EndText(page);
}

void pdf_render_line(pdf_doc *d, HPDF_Page page, const pdf_line *ln, double x, double top)
{
    draw_glyphs(d, page, d->glyphs + ln->first, ln->n, x + ln->x, top - ln->baseline, ln->size,
                ln->tc);
}

double pdf_render_string(pdf_doc *d, HPDF_Page page, const char *text, const pdf_textstyle *ts,
                         double x, double baseline, pdf_align align)
{
    size_t len = strlen(text), n = 0;
    pdf_glyph *g = malloc((len + 1) * sizeof *g);
    if (!g) {
        pdf_fail(d, DOSSIER_ERR_NO_MEMORY, "out of memory");
        return 0;
    }
    double w = 0;
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        i += pdf_utf8_decode(text + i, len - i, &cp);
        const pdf_glyph_map *m = pdf_fonts_glyph(&d->fonts, ts->role, cp);
        if (!m || m->face == PDF_NO_FACE)
            continue;
        g[n].cp = m->draw;
        g[n].face = m->face;
        g[n].adv = (float)(m->width * ts->size / 1000.0);
        w += g[n].adv + ts->tracking;
        n++;
    }
    if (n)
        w -= ts->tracking;
    if (align == PDF_CENTER)
        x -= w / 2;
    else if (align == PDF_RIGHT)
        x -= w;
    draw_glyphs(d, page, g, n, x, baseline, ts->size, ts->tracking);
    free(g);
    return w;
}

static void page_number(pdf_doc *d, HPDF_Page page, size_t index)
{
    const pdf_textstyle *ts = &d->st.ts[PDF_TS_PAGE_NUMBER];
    const pdf_face *f = &d->fonts.faces[d->fonts.role_face[ts->role]];
    char text[64];
    snprintf(text, sizeof text, "— %zu —", index + 1);
    double left = pdf_style_text_left(&d->st, index);
    double bottom = d->st.page_h - d->st.margin_top - d->st.text_h;
    double baseline = bottom - d->st.page_number_gap - ts->size * f->ascent;
    if (!d->st.page_number_outer)
        pdf_render_string(d, page, text, ts, left + d->st.text_w / 2, baseline, PDF_CENTER);
    else if (index % 2 == 0) /* odd page number: right, one character in */
        pdf_render_string(d, page, text, ts, left + d->st.text_w - ts->size, baseline,
                          PDF_RIGHT);
    else
        pdf_render_string(d, page, text, ts, left + ts->size, baseline, PDF_LEFT);
}

/* Is placed[k] a row of the same table as the row `it`? */
static bool same_table(const pdf_doc *d, size_t k, const pdf_item *it)
{
    const pdf_item *o = &d->items[d->placed[k].item];
    return o->kind == PDF_IT_ROW && o->ref == it->ref;
}

static void draw_item(pdf_doc *d, HPDF_Page page, const pdf_page *pg, size_t k, size_t index,
                      double left)
{
    const pdf_placed *pl = &d->placed[k];
    const pdf_item *it = &d->items[pl->item];
    switch (it->kind) {
    case PDF_IT_LINE:
        pdf_render_line(d, page, &d->lines[it->ref], left, pl->top);
        break;
    case PDF_IT_RULE: {
        double y = pl->top - it->height / 2;
        HPDF_Page_SetRGBStroke(page, PDF_RED_R, PDF_RED_G, PDF_RED_B);
        HPDF_Page_SetLineWidth(page, 1.0f);
        HPDF_Page_MoveTo(page, (HPDF_REAL)left, (HPDF_REAL)y);
        HPDF_Page_LineTo(page, (HPDF_REAL)(left + d->st.text_w), (HPDF_REAL)y);
        HPDF_Page_Stroke(page);
        HPDF_Page_SetGrayStroke(page, 0);
        break;
    }
    case PDF_IT_ROW: {
        bool first = k == pg->first || !same_table(d, k - 1, it);
        bool last = k + 1 == pg->first + pg->n || !same_table(d, k + 1, it);
        pdf_table_draw_row(d, page, d->tables[it->ref], it->row, left, pl->top, first, last);
        break;
    }
    case PDF_IT_CHART:
        pdf_chart_draw(d, page, d->charts[it->ref], left, pl->top);
        break;
    case PDF_IT_ANCHOR: {
        pdf_anchor *a = &d->anchors[it->ref];
        a->page = index;
        a->y = pl->top;
        a->placed = true;
        break;
    }
    case PDF_IT_MASTHEAD:
        pdf_masthead_draw(d, page, d->masthead, left, pl->top);
        break;
    case PDF_IT_COLOPHON:
        pdf_colophon_draw(d, page, d->colophon, left, pl->top);
        break;
    case PDF_IT_SPACE:
        break;
    }
}

dossier_status pdf_render(pdf_doc *d)
{
    for (size_t p = 0; p < d->n_pages; p++) {
        pdf_page *pg = &d->pages[p];
        pg->page = HPDF_AddPage(d->pdf);
        if (!pg->page)
            return pdf_check_hpdf(d, "adding a page");
        HPDF_Page_SetWidth(pg->page, (HPDF_REAL)d->st.page_w);
        HPDF_Page_SetHeight(pg->page, (HPDF_REAL)d->st.page_h);
        double left = pdf_style_text_left(&d->st, p);
        for (size_t k = pg->first; k < pg->first + pg->n; k++)
            draw_item(d, pg->page, pg, k, p, left);
        page_number(d, pg->page, p);
        if (d->status != DOSSIER_OK)
            return d->status;
        dossier_status s = pdf_check_hpdf(d, "drawing a page");
        if (s != DOSSIER_OK)
            return s;
    }
    return DOSSIER_OK;
}

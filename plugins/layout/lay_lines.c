/* lay_layout.c — text into line boxes, and blocks into the items the paginator stacks.
 *
 * Line breaking: the host's text engine gives the break opportunities with the Chinese rules
 * (no closing punctuation at a line start, no opening bracket at a line end, a number and its
 * unit kept together); each candidate line is measured with the advance widths the
 * fonts carry, and lines are filled greedily. A run without an opportunity that is wider than
 * a line is split between code points (never before a combining mark or closing punctuation),
 * and so is a long run (over a third of the measure, e.g. a file name) that would otherwise
 * leave the line more than two ems short. Spaces at a line end hang: they are not drawn and
 * do not count.
 *
 * Justification (lay_justify.c gives the limits of each gap): a full line that falls short
 * of the measure first tries to pull the next token in by compressing punctuation (标点挤压:
 * the blank half of full-width marks between glyphs); failing that, it is spread between
 * characters, at most 0.1 em per gap between CJK characters and 0.25 em where CJK meets
 * Latin or digits (never inside a Latin or digit run), and left short (ragged) when even
 * that does not fill it. The last line of a paragraph, and a line ended by a forced break,
 * is set ragged. All glyphs of a line share one baseline, whatever their font.
 *
 * Keeps: a paragraph's first two and last two lines stay together (no orphan or widow), a
 * heading stays with the two lines that follow it, the masthead with the title under it. The
 * colophon is always the last item, whatever the block order.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "layout.h"

#define EPS 0.01

typedef struct measured {
    uint32_t cp;
    uint32_t gid;
    uint16_t width; /* advance in 1/1000 em */
    float raw;      /* advance in points */
    unsigned char brk; /* break opportunity after this glyph: 0, 1 may, 2 must */
    uint8_t face;
    float shl, shr; /* blank a punctuation mark can give up on its left, right (points) */
} measured;

static bool hangs(uint32_t cp)
{
    return cp == ' ' || cp == '\t';
}

static bool is_mark(uint32_t cp)
{
    hb_unicode_general_category_t c =
        hb_unicode_general_category(hb_unicode_funcs_get_default(), cp);
    return c == HB_UNICODE_GENERAL_CATEGORY_NON_SPACING_MARK ||
           c == HB_UNICODE_GENERAL_CATEGORY_SPACING_MARK ||
           c == HB_UNICODE_GENERAL_CATEGORY_ENCLOSING_MARK;
}

/* Decodes and measures text; characters that are not drawn are dropped (their break
 * opportunity moves to the glyph before). *out is malloc'd; returns the count or SIZE_MAX. */
static size_t measure(lay_doc *d, const char *text, size_t len, const lay_textstyle *ts,
                      measured **out)
{
    char *brks = malloc(len);
    measured *m = malloc(len * sizeof *m);
    if (!brks || !m) {
        free(brks);
        free(m);
        lay_fail(d, DOSSIER_ERR_NO_MEMORY, "out of memory");
        return SIZE_MAX;
    }
    dossier_status s = d->host->text_breaks(text, len, brks);
    if (s != DOSSIER_OK) {
        free(brks);
        free(m);
        lay_fail(d, s, "cannot find the line breaks of \"%.60s\"", text);
        return SIZE_MAX;
    }
    size_t n = 0;
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        size_t k = lay_utf8_decode(text + i, len - i, &cp);
        unsigned char brk = (unsigned char)brks[i + k - 1];
        i += k;
        const lay_glyph_map *g = lay_fonts_glyph(&d->fonts, ts->role, cp);
        if (!g) {
            free(brks);
            free(m);
            lay_fail(d, DOSSIER_ERR_INTERNAL, "character U+%04X was not prepared for its font",
                     (unsigned)cp);
            return SIZE_MAX;
        }
        if (g->face == LAY_NO_FACE) {
            if (n && brk > m[n - 1].brk)
                m[n - 1].brk = brk;
            continue;
        }
        m[n].cp = g->draw;
        m[n].gid = g->gid;
        m[n].width = g->width;
        m[n].face = g->face;
        m[n].raw = (float)(g->width * ts->size / 1000.0);
        m[n].brk = brk;
        lay_justify_blanks(d, g->draw, g->face, g->gid, g->width, ts->size, &m[n].shl,
                           &m[n].shr);
        n++;
    }
    free(brks);
    *out = m;
    return n;
}

/* Width of glyphs [a, b) as set with tracking t, trailing hanging spaces excluded. */
static double ink_width(const measured *m, size_t a, size_t b, double t)
{
    while (b > a && hangs(m[b - 1].cp))
        b--;
    if (b == a)
        return 0;
    double w = 0;
    for (size_t i = a; i < b; i++)
        w += m[i].raw + t;
    return w - t;
}

/* Punctuation that must not start a line (GB/T 15834 closing marks and their ASCII forms). */
static bool is_closing(uint32_t cp)
{
    static const uint32_t closing[] = {
        0xFF0C, 0x3002, 0x3001, 0xFF1B, 0xFF1A, 0xFF1F, 0xFF01, 0xFF09, 0x300D, 0x300F,
        0x300B, 0x3009, 0x3011, 0x201D, 0x2019, 0x2026, 0xFF05, ',', '.', ';', ':', '?',
        '!', ')', ']', '}', '%',
    };
    for (size_t i = 0; i < sizeof closing / sizeof closing[0]; i++)
        if (cp == closing[i])
            return true;
    return false;
}

/* Where to split a run that has no break opportunity: before `at`, but not before a mark or
 * a closing punctuation mark. */
static size_t split_before(const measured *m, size_t start, size_t at)
{
    size_t e = at;
    while (e > start + 1 && (is_mark(m[e].cp) || is_closing(m[e].cp)))
        e--;
    return e > start ? e : start + 1;
}

/* What glyphs [a, e) can give up between them: the blank sides of punctuation. */
static double shrinkable(const measured *m, size_t a, size_t e)
{
    double s = 0;
    for (size_t i = a; i + 1 < e; i++)
        s += m[i].shr + m[i + 1].shl;
    return s;
}

/* The spacing after each glyph of [a, e) (after[i - a]) that brings the line from `ink` to
 * `avail`: compressing punctuation when it is too wide, spreading within the limits when it
 * is short and `stretch` is set. Returns the width as set. */
static double set_spacing(const measured *m, size_t a, size_t e, double ink, double avail,
                      double size, bool stretch, float *after)
{
    for (size_t i = a; i < e; i++)
        after[i - a] = 0;
    double diff = avail - ink;
    if (diff < -EPS) {
        double total = shrinkable(m, a, e);
        double r = total > 0 ? fmin(1, -diff / total) : 0;
        for (size_t i = a; i + 1 < e; i++)
            after[i - a] = (float)(-(m[i].shr + m[i + 1].shl) * r);
        return ink - total * r;
    }
    if (diff <= EPS || !stretch)
        return ink;
    double total = 0;
    for (size_t i = a; i + 1 < e; i++)
        total += lay_justify_stretch(m[i].cp, m[i + 1].cp, size);
    if (total <= 0)
        return ink;
    double r = fmin(1, diff / total);
    for (size_t i = a; i + 1 < e; i++)
        after[i - a] = (float)(lay_justify_stretch(m[i].cp, m[i + 1].cp, size) * r);
    return ink + total * r;
}

static dossier_status emit_line(lay_doc *d, const measured *m, size_t a, size_t b,
                                const lay_textstyle *ts, double avail, double indent,
                                bool justified, float *after)
{
    size_t base = d->n_glyphs;
    size_t e = b;
    while (e > a && hangs(m[e - 1].cp))
        e--;
    double ink = ink_width(m, a, e, ts->tracking);
    double width = ts->align == LAY_JUSTIFY
                       ? set_spacing(m, a, e, ink, avail, ts->size, justified, after)
                       : ink;
    for (size_t i = a; i < e; i++) {
        lay_glyph *g = LAY_PUSH(d, glyphs);
        if (!g)
            return d->status;
        g->cp = m[i].cp;
        g->face = m[i].face;
        g->gid = m[i].gid;
        g->width = m[i].width;
        g->adv = m[i].raw;
        g->after = ts->align == LAY_JUSTIFY ? after[i - a] : 0;
    }
    lay_line *ln = LAY_PUSH(d, lines);
    if (!ln)
        return d->status;
    const lay_face *f = &d->fonts.faces[d->fonts.role_face[ts->role]];
    ln->first = base;
    ln->n = e - a;
    ln->size = ts->size;
    ln->tc = ts->tracking;
    ln->width = width;
    ln->x = indent;
    ln->height = ts->leading;
    ln->baseline = (ts->leading - ts->size) / 2 + ts->size * f->ascent / (f->ascent - f->descent);
    if (ts->align == LAY_CENTER)
        ln->x += (avail - ink) / 2;
    else if (ts->align == LAY_RIGHT)
        ln->x += avail - ink;
    return DOSSIER_OK;
}

/* A full line [k, end) short of the measure: the end of the token after it when compressing
 * the line's punctuation makes room for that token (标点挤压 before spreading), else end. */
static size_t pull_in(const measured *m, size_t n, size_t k, size_t end, double avail,
                      double t)
{
    if (end >= n || avail - ink_width(m, k, end, t) <= EPS)
        return end;
    size_t q = end;
    while (q < n && m[q].brk == 0)
        q++;
    if (q >= n || m[q].brk == 2)
        return end;
    double over = ink_width(m, k, q + 1, t) - avail;
    return over <= shrinkable(m, k, q + 1) - EPS ? q + 1 : end;
}

/* A line [k, end) after which only one CJK character would remain: it ends at the break
 * opportunity before, when that leaves the rest on one line of `width`. */
static size_t no_lone_end(const measured *m, size_t n, size_t k, size_t end, double width,
                          double t)
{
    size_t rest = n;
    while (rest > end && hangs(m[rest - 1].cp))
        rest--;
    if (rest != end + 1 || lay_justify_class(m[end].cp) != LAY_J_CJK)
        return end;
    for (size_t p = end - 1; p > k; p--)
        if (m[p - 1].brk == 1)
            return ink_width(m, p, n, t) <= width + EPS ? p : end;
    return end;
}

dossier_status lay_layout_text(lay_doc *d, const char *text, const lay_textstyle *ts,
                               double width, double first_indent, size_t *first, size_t *count)
{
    *first = d->n_lines;
    *count = 0;
    size_t len = strlen(text);
    if (len == 0)
        return DOSSIER_OK;
    measured *m;
    size_t n = measure(d, text, len, ts, &m);
    if (n == SIZE_MAX)
        return d->status;
    float *after = malloc((n ? n : 1) * sizeof *after);
    if (!after) {
        free(m);
        return lay_fail(d, DOSSIER_ERR_NO_MEMORY, "out of memory");
    }
    const double t = ts->tracking;
    dossier_status s = DOSSIER_OK;
    size_t k = 0;
    bool first_line = true;
    while (k < n && s == DOSSIER_OK) {
        double indent = first_line ? first_indent : 0;
        double avail = width - indent;
        double x = 0;
        size_t j = k, last_opp = SIZE_MAX;
        bool forced = false;
        while (j < n) {
            if (j > k && !hangs(m[j].cp) && x + m[j].raw > avail + EPS)
                break;
            x += m[j].raw + t;
            if (m[j].brk == 2) {
                forced = true;
                j++;
                break;
            }
            if (m[j].brk == 1)
                last_opp = j;
            j++;
        }
        size_t end;
        bool justify = true;
        if (forced || j >= n) {
            end = j;
            justify = false;
        } else if (last_opp != SIZE_MAX) {
            /* The run after the last opportunity: when even a full line cannot hold it, it is
             * split here rather than leaving this line short. */
            size_t q = last_opp + 1;
            while (q < n && m[q].brk == 0)
                q++;
            double run = ink_width(m, last_opp + 1, q < n ? q + 1 : n, t);
            /* So is a long run (a file name, a URL: more than a third of the measure) that
             * would leave this line so short that justifying it spreads it letter by
             * letter. Numbers with their units are far shorter and never split. */
            double slack = avail - ink_width(m, k, last_opp + 1, t);
            bool long_run = run > width / 3 && slack > ts->size * 2;
            end = run > width + EPS || long_run ? split_before(m, k, j) : last_opp + 1;
            if (ts->align == LAY_JUSTIFY && end == last_opp + 1)
                end = pull_in(m, n, k, end, avail, t);
        } else {
            end = split_before(m, k, j);
        }
        if (ts->no_lone && !forced)
            end = no_lone_end(m, n, k, end, width, t);
        s = emit_line(d, m, k, end, ts, avail, indent, justify, after);
        (*count)++;
        k = end;
        first_line = false;
    }
    free(after);
    free(m);
    return s;
}

double lay_layout_width(lay_doc *d, const char *text, const lay_textstyle *ts)
{
    double w = 0;
    size_t len = strlen(text), n = 0;
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        i += lay_utf8_decode(text + i, len - i, &cp);
        const lay_glyph_map *g = lay_fonts_glyph(&d->fonts, ts->role, cp);
        if (!g || g->face == LAY_NO_FACE)
            continue;
        w += g->width * ts->size / 1000.0 + ts->tracking;
        n++;
    }
    return n ? w - ts->tracking : 0;
}

lay_item *lay_layout_push_item(lay_doc *d, lay_item_kind kind, double height, size_t ref)
{
    lay_item *it = LAY_PUSH(d, items);
    if (it) {
        it->kind = kind;
        it->height = height;
        it->ref = ref;
    }
    return it;
}

/* Lines of a text block as items, with the keeps. `glue` is set when a heading precedes:
 * the first line then also holds on to the second. */
static dossier_status text_items(lay_doc *d, const lay_block *b, bool *glue)
{
    const lay_textstyle *ts = &d->st.ts[b->ts];
    size_t first, n;
    if (b->keep_prev && d->n_items)
        d->items[d->n_items - 1].keep_next = true;
    /* A hanging block ("注：" notes): every line starts after the hang, but the first of a
     * block that begins with the hang's own text. */
    double hang = b->hang ? lay_layout_width(d, b->hang, ts) : 0;
    dossier_status s = lay_layout_text(d, b->text, ts, d->st.text_w - hang,
                                       b->hang ? (b->hang_first ? -hang : 0) : ts->indent,
                                       &first, &n);
    for (size_t i = 0; i < n && hang > 0; i++)
        d->lines[first + i].x += hang;
    for (size_t i = 0; i < n && s == DOSSIER_OK; i++) {
        lay_item *it = lay_layout_push_item(d, LAY_IT_LINE, d->lines[first + i].height,
                                            first + i);
        if (!it)
            return d->status;
        if (b->heading)
            it->keep_next = true;                 /* with what follows */
        else if (n > 1 && (i == 0 || i + 2 == n)) /* no orphan, no widow */
            it->keep_next = true;
        else if (i == 0 && *glue)
            it->keep_next = true; /* a one-line paragraph under a heading */
    }
    *glue = b->heading;
    return s;
}

dossier_status lay_layout_blocks(lay_doc *d)
{
    dossier_status s = DOSSIER_OK;
    bool glue = false, colophon = false;
    for (size_t i = 0; i < d->n_blocks && s == DOSSIER_OK; i++) {
        const lay_block *b = &d->blocks[i];
        lay_item *it = NULL;
        switch (b->kind) {
        case LAY_BLK_TEXT:
            s = text_items(d, b, &glue);
            continue;
        case LAY_BLK_SPACE:
            it = lay_layout_push_item(d, LAY_IT_SPACE, b->height, 0);
            if (!it)
                return d->status;
            it->keep_next = glue; /* transparent to the heading glue */
            continue;
        case LAY_BLK_RULE:
            it = lay_layout_push_item(d, LAY_IT_RULE, b->height, 0);
            if (it)
                it->keep_next = true;
            break;
        case LAY_BLK_TABLE:
            s = lay_table_layout(d, d->tables[b->ref], b->ref);
            glue = false;
            continue;
        case LAY_BLK_CHART:
            it = lay_layout_push_item(d, LAY_IT_CHART, lay_chart_height(d, d->charts[b->ref]),
                                      b->ref);
            break;
        case LAY_BLK_ANCHOR:
            it = lay_layout_push_item(d, LAY_IT_ANCHOR, 0, b->ref);
            if (it)
                it->keep_next = true;
            continue; /* transparent to the heading glue */
        case LAY_BLK_MASTHEAD:
            it = lay_layout_push_item(d, LAY_IT_MASTHEAD, lay_masthead_height(d, d->masthead),
                                      0);
            if (it)
                it->keep_next = true; /* with the title under it */
            break;
        case LAY_BLK_COLOPHON: /* last of all items, wherever it stands: see below */
            colophon = true;
            continue;
        }
        if (!it)
            return d->status;
        glue = false;
    }
    /* The colophon belongs to the foot of the last page: it is the last item, and the
     * paginator anchors it to the bottom of the text block. */
    if (s == DOSSIER_OK && colophon) {
        double h = 0;
        s = lay_colophon_layout(d, d->colophon, &h);
        if (s == DOSSIER_OK && !lay_layout_push_item(d, LAY_IT_COLOPHON, h, 0))
            return d->status;
    }
    return s;
}

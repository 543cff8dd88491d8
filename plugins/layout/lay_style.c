/* lay_style.c — the [pdf] or [ofd] style options resolved into page geometry and text
 * styles, in points.
 *
 * Two built-in styles: `official` after GB/T 9704-2012 (A4, text block 156 × 225 mm, top
 * margin 37 mm, binding margin 28 mm, body 16 pt on a grid of 22 lines × 28 characters,
 * title 22 pt, page numbers 14 pt on the outer side 7 mm under the text block) and `compact`
 * (9 pt body on a narrow-margin A4 page, for quick internal briefs). Every numeric option
 * defaults to 0, which means "the style's value"; a set value overrides the style. On paper
 * other than A4 the text block keeps the style's outer and bottom margins.
 */
#include <math.h>
#include <string.h>

#include "layout.h"

typedef struct style_defaults {
    const char *name;
    double text_w, text_h, margin_top, margin_binding; /* mm */
    double body, title, doc_title, heading, table, chart, caption, meta, note, page_number;
    long lines, chars; /* chars: -1 = natural widths */
    bool page_number_outer;
    double chart_ratio;
} style_defaults;

static const style_defaults styles[] = {
    {"official", 156, 225, 37, 28, 16, 22, 18, 16, 12, 10.5, 14, 14, 14, 14, 22, 28, true,
     0.5},
    {"compact", 180, 263, 15, 15, 9, 16, 12, 10.5, 8, 7.5, 9, 9, 8, 8, 58, -1, false, 0.3},
};

static const struct {
    const char *name;
    double w, h; /* mm */
} papers[] = {
    {"a4", 210, 297},
    {"a5", 148, 210},
    {"b5", 176, 250},
    {"letter", 215.9, 279.4},
};

/* The option's value, or the style's when the option is 0 (its default). */
static double opt_or(lay_doc *d, const char *key, double style_value)
{
    double v = d->host->config_number(d->ctx, key);
    return v > 0 ? v : style_value;
}

static void set_ts(lay_style *st, lay_ts which, lay_role role, double size, double leading,
                   double tracking, double indent_chars, lay_align align)
{
    lay_textstyle *t = &st->ts[which];
    t->role = role;
    t->size = size;
    t->leading = leading;
    t->tracking = tracking;
    t->indent = indent_chars * (size + tracking);
    t->align = align;
}

double lay_style_text_left(const lay_style *st, size_t index)
{
    if (st->mirror && index % 2 == 1) /* even page: binding on the right */
        return st->page_w - st->margin_binding - st->text_w;
    return st->margin_binding;
}

dossier_status lay_style_resolve(lay_doc *d)
{
    const dossier_host *h = d->host;
    const char *name = h->config_string(d->ctx, "style");
    const style_defaults *sd = &styles[0];
    for (size_t i = 0; i < sizeof styles / sizeof styles[0]; i++)
        if (name && strcmp(name, styles[i].name) == 0)
            sd = &styles[i];
    lay_style *st = &d->st;
    memset(st, 0, sizeof *st);
    st->name = sd->name;

    const char *paper = h->config_string(d->ctx, "paper");
    st->page_w = papers[0].w;
    st->page_h = papers[0].h;
    for (size_t i = 0; i < sizeof papers / sizeof papers[0]; i++)
        if (paper && strcmp(paper, papers[i].name) == 0) {
            st->page_w = papers[i].w;
            st->page_h = papers[i].h;
        }
    st->margin_top = opt_or(d, "margin_top", sd->margin_top);
    st->margin_binding = opt_or(d, "margin_binding", sd->margin_binding);
    /* On A4 the style's text block is fixed (GB/T 9704 gives its size); on other paper it
     * keeps the style's A4 outer and bottom margins instead. */
    double text_w = sd->text_w, text_h = sd->text_h;
    if (st->page_w != papers[0].w || st->page_h != papers[0].h) {
        text_w = st->page_w - st->margin_binding - (papers[0].w - sd->margin_binding - sd->text_w);
        text_h = st->page_h - st->margin_top - (papers[0].h - sd->margin_top - sd->text_h);
    }
    st->text_w = opt_or(d, "text_width", text_w);
    st->text_h = opt_or(d, "text_height", text_h);
    if (st->text_w < 20 || st->text_h < 20 || st->margin_binding + st->text_w > st->page_w ||
        st->margin_top + st->text_h + 7 + 10 > st->page_h)
        return lay_fail(d, DOSSIER_ERR_CONFIG,
                        "text block %g × %g mm with margins %g (top) and %g (binding) mm does "
                        "not fit %s paper (%g × %g mm) with room for the page numbers; set "
                        "text_width, text_height, margin_top, margin_binding",
                        st->text_w, st->text_h, st->margin_top, st->margin_binding,
                        paper ? paper : "a4", st->page_w, st->page_h);
    st->page_w *= LAY_PT_PER_MM;
    st->page_h *= LAY_PT_PER_MM;
    st->text_w *= LAY_PT_PER_MM;
    st->text_h *= LAY_PT_PER_MM;
    st->margin_top *= LAY_PT_PER_MM;
    st->margin_binding *= LAY_PT_PER_MM;
    st->mirror = h->config_bool(d->ctx, "mirror_margins");

    double body = opt_or(d, "body_size", sd->body);
    double title = opt_or(d, "title_size", sd->title);
    double heading = opt_or(d, "heading_size", sd->heading);
    double table = opt_or(d, "table_size", sd->table);
    double page_number = opt_or(d, "page_number_size", sd->page_number);
    /* Sizes derived from the body when only the body was changed keep their proportion. */
    double k = body / sd->body;
    double doc_title = sd->doc_title * k, chart = sd->chart * k, caption = sd->caption * k;
    double meta = sd->meta * k, note = sd->note * k;

    long lines = h->config_int(d->ctx, "lines_per_page");
    /* The style's grid is for its own text block and body size; another block or size keeps
     * the style's line pitch and character pitch as nearly as whole lines and characters
     * allow (official on A4: exactly 22 × 28). */
    double grow_h = st->text_h / LAY_PT_PER_MM / sd->text_h * sd->body / body;
    double grow_w = st->text_w / LAY_PT_PER_MM / sd->text_w * sd->body / body;
    if (lines == 0)
        lines = (long)fmax(1, floor((double)sd->lines * grow_h + 1e-6));
    long chars = h->config_int(d->ctx, "chars_per_line");
    if (chars == 0)
        chars = sd->chars > 0 ? (long)fmax(1, floor((double)sd->chars * grow_w + 1e-6))
                              : sd->chars;
    double pitch = st->text_h / (double)lines;
    if (pitch < body * 1.05)
        return lay_fail(d, DOSSIER_ERR_CONFIG,
                        "%ld lines per page of %g pt do not fit a text block %.1f mm high",
                        lines, body, st->text_h / LAY_PT_PER_MM);
    /* Tracking that makes `chars` body characters fill the line exactly. */
    double tracking = 0;
    if (chars > 1) {
        tracking = (st->text_w - (double)chars * body) / (double)(chars - 1);
        if (tracking < -0.2 * body || tracking > body)
            return lay_fail(d, DOSSIER_ERR_CONFIG,
                            "%ld characters of %g pt per line do not fit a text block %.1f mm "
                            "wide (set chars_per_line = -1 for natural widths)",
                            chars, body, st->text_w / LAY_PT_PER_MM);
    }
    double head_tracking = fabs(heading - body) < 0.01 ? tracking : 0;

    set_ts(st, LAY_TS_TITLE, LAY_ROLE_TITLE, title, title * 1.6, 0, 0, LAY_CENTER);
    set_ts(st, LAY_TS_SUBTITLE, LAY_ROLE_HEADING2, heading, pitch, 0, 0, LAY_CENTER);
    set_ts(st, LAY_TS_DATELINE, LAY_ROLE_BODY, heading, pitch, 0, 0, LAY_CENTER);
    set_ts(st, LAY_TS_META, LAY_ROLE_HEADING2, meta, meta * 1.7, 0, 0, LAY_JUSTIFY);
    set_ts(st, LAY_TS_DOC_TITLE, LAY_ROLE_TITLE, doc_title, fmax(doc_title * 1.6, pitch), 0,
           0, LAY_CENTER);
    set_ts(st, LAY_TS_H1, LAY_ROLE_HEADING1, heading, fmax(pitch, heading * 1.3),
           head_tracking, 2, LAY_JUSTIFY);
    set_ts(st, LAY_TS_H2, LAY_ROLE_HEADING2, heading, fmax(pitch, heading * 1.3),
           head_tracking, 2, LAY_JUSTIFY);
    set_ts(st, LAY_TS_BODY, LAY_ROLE_BODY, body, pitch, tracking, 2, LAY_JUSTIFY);
    set_ts(st, LAY_TS_CAPTION, LAY_ROLE_HEADING1, caption, caption * 1.8, 0, 0, LAY_CENTER);
    set_ts(st, LAY_TS_TABLE_HEAD, LAY_ROLE_HEADING1, table, table * 1.35, 0, 0, LAY_CENTER);
    set_ts(st, LAY_TS_TABLE, LAY_ROLE_BODY, table, table * 1.35, 0, 0, LAY_LEFT);
    set_ts(st, LAY_TS_CHART, LAY_ROLE_BODY, chart, chart * 1.3, 0, 0, LAY_CENTER);
    set_ts(st, LAY_TS_NOTE, LAY_ROLE_BODY, note, note * 1.7, 0, 0, LAY_JUSTIFY);
    set_ts(st, LAY_TS_PAGE_NUMBER, LAY_ROLE_BODY, page_number, page_number * 1.2, 0, 0,
           LAY_LEFT);
    /* 发文机关标志 / 简报名称: the title face at 1.6 times the title (official: 35.2 pt, above
     * the 二号 of the title), shrunk to the text block's width when the name is long. */
    set_ts(st, LAY_TS_MASTHEAD, LAY_ROLE_TITLE, title * 1.6, title * 1.6 * 1.2, 0, 0,
           LAY_CENTER);
    /* 版记 / 报尾: 四号 in the body face, one line of the grid each (GB/T 9704 7.4). */
    set_ts(st, LAY_TS_COLOPHON, LAY_ROLE_BODY, note, fmax(note * 1.7, pitch), 0, 0,
           LAY_JUSTIFY);
    st->ts[LAY_TS_NOTE].indent = 0;

    st->page_number_outer = sd->page_number_outer;
    st->page_number_gap = 7 * LAY_PT_PER_MM;
    st->chart_ratio = sd->chart_ratio;
    st->title_gap = pitch;
    st->section_gap = pitch * 0.5;
    return DOSSIER_OK;
}

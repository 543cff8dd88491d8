/* lay_masthead.c — 版头 (公文) and 报头 (简报), drawn at the top of the text block of the
 * first page (the masthead is the brief's first node) as one item of fixed height.
 *
 * Official, after GB/T 9704-2012 7.2: the classification (密级 line) in 黑体 at the top left
 * of the text block; the 发文机关标志 centred in red in the title face, its top 35 mm under
 * the text block's top edge (7.2.4), shrunk to the block's width when long; the 发文字号
 * centred two lines under it (7.2.5); a red rule as wide as the text block 4 mm under the
 * 发文字号 (7.2.7); the title two lines under the rule (7.3.1).
 *
 * Bulletin (简报, no national standard; the common form): the classification at the top
 * left; the bulletin's name large, red, centred; the issue (第3期) centred under it; a line
 * with the 编印单位 at the left and the date at the right; a red rule 4 mm under that line.
 *
 * A "line" is the body's line pitch (22 lines in 225 mm in the official style).
 *
 * Ownership: the struct is malloc'd (lay_masthead_free); strings are the brief's.
 */
#include <stdlib.h>

#include "layout.h"

#define RULE_WIDTH 1.5 /* pt */

struct lay_masthead {
    const dossier_brief_masthead *m;
};

/* Where the parts go, in points down from the item's top. */
typedef struct geometry {
    double size;           /* of the name, after shrinking */
    double class_base;     /* classification baseline */
    double name_base;      /* name baseline */
    double line_base[2];   /* official: number; bulletin: issue, issuer/date */
    double rule;           /* the red rule */
    double height;         /* with the space to the title */
} geometry;

dossier_status lay_masthead_build(lay_doc *d, const dossier_brief_masthead *m)
{
    if (d->masthead) /* a second masthead: the first one stands */
        return DOSSIER_OK;
    d->masthead = calloc(1, sizeof *d->masthead);
    if (!d->masthead)
        return lay_fail(d, DOSSIER_ERR_NO_MEMORY, "out of memory");
    d->masthead->m = m;
    return DOSSIER_OK;
}

void lay_masthead_free(lay_masthead *m)
{
    free(m);
}

dossier_status lay_masthead_register_text(lay_doc *d, const lay_masthead *mh)
{
    const dossier_brief_masthead *m = mh->m;
    const char *where = "the masthead";
    lay_role body = d->st.ts[LAY_TS_BODY].role;
    dossier_status s = DOSSIER_OK;
    if (m->classification)
        s = lay_fonts_use(d, d->st.ts[LAY_TS_H1].role, m->classification, where);
    if (s == DOSSIER_OK && m->name)
        s = lay_fonts_use(d, d->st.ts[LAY_TS_MASTHEAD].role, m->name, where);
    const char *plain[] = {m->issue, m->number, m->issuer, m->date};
    for (size_t i = 0; i < sizeof plain / sizeof plain[0] && s == DOSSIER_OK; i++)
        if (plain[i])
            s = lay_fonts_use(d, body, plain[i], where);
    return s;
}

/* Height of the em box above the baseline, as a fraction of the size, in a role's face. */
static double ascent(const lay_doc *d, lay_role role)
{
    const lay_face *f = &d->fonts.faces[d->fonts.role_face[role]];
    return f->ascent - f->descent > 0 ? f->ascent / (f->ascent - f->descent) : 0.88;
}

/* Baseline of text of `size` in a line box `pitch` high whose top is at `top` (down). */
static double line_baseline(const lay_doc *d, lay_role role, double size, double pitch,
                            double top)
{
    return top + (pitch - size) / 2 + size * ascent(d, role);
}

static lay_textstyle plain_style(const lay_doc *d, lay_ts which)
{
    lay_textstyle ts = d->st.ts[which];
    ts.tracking = 0;
    ts.indent = 0;
    return ts;
}

static geometry measure(lay_doc *d, const dossier_brief_masthead *m)
{
    geometry g = {0};
    const lay_style *st = &d->st;
    double pitch = st->ts[LAY_TS_BODY].leading;
    lay_textstyle name = st->ts[LAY_TS_MASTHEAD];
    lay_textstyle body = plain_style(d, LAY_TS_BODY);
    lay_role head = st->ts[LAY_TS_H1].role;
    g.size = name.size;
    double w = m->name ? lay_layout_width(d, m->name, &name) : 0;
    if (w > st->text_w)
        g.size = name.size * st->text_w / w;
    g.class_base = line_baseline(d, head, st->ts[LAY_TS_H1].size, pitch, 0);
    double name_top;
    if (m->form == DOSSIER_TEMPLATE_OFFICIAL)
        name_top = 35 * LAY_PT_PER_MM;
    else
        name_top = m->classification ? 1.5 * pitch : 0.5 * pitch;
    g.name_base = name_top + g.size * ascent(d, name.role);
    double name_bottom = name_top + g.size;
    double below; /* the glyph bottom of the last line over the rule */
    if (m->form == DOSSIER_TEMPLATE_OFFICIAL) {
        double top = name_bottom + 2 * pitch; /* 下空2行 */
        g.line_base[0] = line_baseline(d, body.role, body.size, pitch, top);
        below = g.line_base[0] + body.size * (1 - ascent(d, body.role));
    } else {
        double top = name_bottom + 0.4 * pitch;
        g.line_base[0] = line_baseline(d, body.role, body.size, pitch, top);
        g.line_base[1] = line_baseline(d, body.role, body.size, pitch, top + 1.3 * pitch);
        below = g.line_base[1] + body.size * (1 - ascent(d, body.role));
    }
    g.rule = below + 4 * LAY_PT_PER_MM;
    g.height = g.rule + 2 * pitch; /* the title two lines under the rule */
    return g;
}

double lay_masthead_height(lay_doc *d, const lay_masthead *m)
{
    return measure(d, m->m).height;
}

static void red(lay_dl *dl)
{
    lay_dl_fill_rgb(dl, LAY_RED_R, LAY_RED_G, LAY_RED_B);
    lay_dl_stroke_rgb(dl, LAY_RED_R, LAY_RED_G, LAY_RED_B);
}

void lay_masthead_draw(lay_doc *d, lay_dl *dl, const lay_masthead *mh, double x, double top)
{
    const dossier_brief_masthead *m = mh->m;
    geometry g = measure(d, m);
    double w = d->st.text_w, mid = x + w / 2;
    lay_textstyle body = plain_style(d, LAY_TS_BODY);
    if (m->classification) {
        lay_textstyle head = plain_style(d, LAY_TS_H1);
        lay_draw_string(d, dl, m->classification, &head, x, top - g.class_base, LAY_LEFT);
    }
    red(dl);
    if (m->name) {
        lay_textstyle name = plain_style(d, LAY_TS_MASTHEAD);
        name.size = g.size;
        lay_draw_string(d, dl, m->name, &name, mid, top - g.name_base, LAY_CENTER);
    }
    lay_dl_line_width(dl, RULE_WIDTH);
    lay_dl_move(dl, x, (top - g.rule));
    lay_dl_line(dl, (x + w), (top - g.rule));
    lay_dl_stroke(dl);
    lay_dl_fill_gray(dl, 0);
    lay_dl_stroke_gray(dl, 0);
    if (m->form == DOSSIER_TEMPLATE_OFFICIAL) {
        if (m->number)
            lay_draw_string(d, dl, m->number, &body, mid, top - g.line_base[0], LAY_CENTER);
        return;
    }
    if (m->issue)
        lay_draw_string(d, dl, m->issue, &body, mid, top - g.line_base[0], LAY_CENTER);
    if (m->issuer)
        lay_draw_string(d, dl, m->issuer, &body, x, top - g.line_base[1], LAY_LEFT);
    if (m->date)
        lay_draw_string(d, dl, m->date, &body, x + w, top - g.line_base[1], LAY_RIGHT);
}

/* pdf_masthead.c — 版头 (公文) and 报头 (简报), drawn at the top of the text block of the
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
 * Ownership: the struct is malloc'd (pdf_masthead_free); strings are the brief's.
 */
#include <stdlib.h>

#include "pdf.h"

#define RULE_WIDTH 1.5 /* pt */

struct pdf_masthead {
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

dossier_status pdf_masthead_build(pdf_doc *d, const dossier_brief_masthead *m)
{
    if (d->masthead) /* a second masthead: the first one stands */
        return DOSSIER_OK;
    d->masthead = calloc(1, sizeof *d->masthead);
    if (!d->masthead)
        return pdf_fail(d, DOSSIER_ERR_NO_MEMORY, "out of memory");
    d->masthead->m = m;
    return DOSSIER_OK;
}

void pdf_masthead_free(pdf_masthead *m)
{
    free(m);
}

dossier_status pdf_masthead_register_text(pdf_doc *d, const pdf_masthead *mh)
{
    const dossier_brief_masthead *m = mh->m;
    const char *where = "the masthead";
    pdf_role body = d->st.ts[PDF_TS_BODY].role;
    dossier_status s = DOSSIER_OK;
    if (m->classification)
        s = pdf_fonts_use(d, d->st.ts[PDF_TS_H1].role, m->classification, where);
    if (s == DOSSIER_OK && m->name)
        s = pdf_fonts_use(d, d->st.ts[PDF_TS_MASTHEAD].role, m->name, where);
    const char *plain[] = {m->issue, m->number, m->issuer, m->date};
    for (size_t i = 0; i < sizeof plain / sizeof plain[0] && s == DOSSIER_OK; i++)
        if (plain[i])
            s = pdf_fonts_use(d, body, plain[i], where);
    return s;
}

/* Height of the em box above the baseline, as a fraction of the size, in a role's face. */
static double ascent(const pdf_doc *d, pdf_role role)
{
    const pdf_face *f = &d->fonts.faces[d->fonts.role_face[role]];
    return f->ascent - f->descent > 0 ? f->ascent / (f->ascent - f->descent) : 0.88;
}

/* Baseline of text of `size` in a line box `pitch` high whose top is at `top` (down). */
static double line_baseline(const pdf_doc *d, pdf_role role, double size, double pitch,
                            double top)
{
    return top + (pitch - size) / 2 + size * ascent(d, role);
}

static pdf_textstyle plain_style(const pdf_doc *d, pdf_ts which)
{
    pdf_textstyle ts = d->st.ts[which];
    ts.tracking = 0;
    ts.indent = 0;
    return ts;
}

static geometry measure(pdf_doc *d, const dossier_brief_masthead *m)
{
    geometry g = {0};
    const pdf_style *st = &d->st;
    double pitch = st->ts[PDF_TS_BODY].leading;
    pdf_textstyle name = st->ts[PDF_TS_MASTHEAD];
    pdf_textstyle body = plain_style(d, PDF_TS_BODY);
    pdf_role head = st->ts[PDF_TS_H1].role;
    g.size = name.size;
    double w = m->name ? pdf_layout_width(d, m->name, &name) : 0;
    if (w > st->text_w)
        g.size = name.size * st->text_w / w;
    g.class_base = line_baseline(d, head, st->ts[PDF_TS_H1].size, pitch, 0);
    double name_top;
    if (m->form == DOSSIER_TEMPLATE_OFFICIAL)
        name_top = 35 * PDF_PT_PER_MM;
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
    g.rule = below + 4 * PDF_PT_PER_MM;
    g.height = g.rule + 2 * pitch; /* the title two lines under the rule */
    return g;
}

double pdf_masthead_height(pdf_doc *d, const pdf_masthead *m)
{
    return measure(d, m->m).height;
}

static void red(HPDF_Page page)
{
    HPDF_Page_SetRGBFill(page, PDF_RED_R, PDF_RED_G, PDF_RED_B);
    HPDF_Page_SetRGBStroke(page, PDF_RED_R, PDF_RED_G, PDF_RED_B);
}

void pdf_masthead_draw(pdf_doc *d, HPDF_Page page, const pdf_masthead *mh, double x, double top)
{
    const dossier_brief_masthead *m = mh->m;
    geometry g = measure(d, m);
    double w = d->st.text_w, mid = x + w / 2;
    pdf_textstyle body = plain_style(d, PDF_TS_BODY);
    if (m->classification) {
        pdf_textstyle head = plain_style(d, PDF_TS_H1);
        pdf_render_string(d, page, m->classification, &head, x, top - g.class_base, PDF_LEFT);
    }
    red(page);
    if (m->name) {
        pdf_textstyle name = plain_style(d, PDF_TS_MASTHEAD);
        name.size = g.size;
        pdf_render_string(d, page, m->name, &name, mid, top - g.name_base, PDF_CENTER);
    }
    HPDF_Page_SetLineWidth(page, RULE_WIDTH);
    HPDF_Page_MoveTo(page, (HPDF_REAL)x, (HPDF_REAL)(top - g.rule));
    HPDF_Page_LineTo(page, (HPDF_REAL)(x + w), (HPDF_REAL)(top - g.rule));
    HPDF_Page_Stroke(page);
    HPDF_Page_SetGrayFill(page, 0);
    HPDF_Page_SetGrayStroke(page, 0);
    if (m->form == DOSSIER_TEMPLATE_OFFICIAL) {
        if (m->number)
            pdf_render_string(d, page, m->number, &body, mid, top - g.line_base[0], PDF_CENTER);
        return;
    }
    if (m->issue)
        pdf_render_string(d, page, m->issue, &body, mid, top - g.line_base[0], PDF_CENTER);
    if (m->issuer)
        pdf_render_string(d, page, m->issuer, &body, x, top - g.line_base[1], PDF_LEFT);
    if (m->date)
        pdf_render_string(d, page, m->date, &body, x + w, top - g.line_base[1], PDF_RIGHT);
}

/* docx_matter.c — the front and back matter of the official and bulletin forms:
 * 版头 / 报头 (classification, the name in red 小标宋 shrunk to fit one line, 发文字号 or 期号,
 * 编印单位 and date over a red rule) and 版记 / 报尾 (the lines between a thick and a thin rule,
 * 印发机关 / 编印单位 at the left and the date / copies at the right), the latter a table
 * floating at the foot of the text block, so that it stands at the bottom of the last page. */
#include <stdio.h>
#include <string.h>

#include "docx.h"

#define RULE_SPACE "11" /* pt between text and a rule: 4 mm */
#define TAB_RIGHT "<w:tabs><w:tab w:val=\"right\" w:pos=\"8844\"/></w:tabs>"
/* the colophon's lines are indented one 14 pt character on each side */
#define TAB_COLOPHON "<w:tabs><w:tab w:val=\"right\" w:pos=\"8564\"/></w:tabs>"

/* The name's size in half-points: 35 pt (1.6 × 22 pt, as in the PDF), less when it would not
 * fit the text width on one line. */
static int name_size(const docx_doc *d, const char *name)
{
    /* a Chinese character is 2 columns, one em wide: the line is cols / 2 × size points */
    size_t cols = d->host->text_width(name, strlen(name));
    size_t fit = cols ? (size_t)DOCX_TEXT_W / 20 * 98 / 100 * 4 / cols : 70; /* half-points */
    int size = fit < 70 ? (int)fit : 70;
    return size < 20 ? 20 : size;
}

static void masthead_name(docx_doc *d, const char *name, int before_twips)
{
    char ppr[160];
    snprintf(ppr, sizeof ppr, "<w:spacing w:before=\"%d\" w:after=\"0\"/>", before_twips);
    char rpr[160];
    int size = name_size(d, name);
    snprintf(rpr, sizeof rpr, "<w:color w:val=\"" DOCX_RED "\"/><w:sz w:val=\"%d\"/>"
             "<w:szCs w:val=\"%d\"/>", size, size);
    dx_para(&d->body, "MastheadName", ppr, rpr, name);
}

static const char rule_ppr[] =
    "<w:pBdr><w:bottom w:val=\"single\" w:sz=\"18\" w:space=\"" RULE_SPACE "\" w:color=\""
    DOCX_RED "\"/></w:pBdr>";

void docx_masthead(docx_doc *d, const dossier_brief_masthead *m)
{
    dossier_buf *b = &d->body;
    if (m->classification)
        dx_para(b, "MastheadLine", "<w:jc w:val=\"left\"/>", NULL, m->classification);
    if (m->form == DOSSIER_TEMPLATE_OFFICIAL) {
        /* 发文机关标志 35 mm under the top of the text block, 发文字号 two lines under it */
        if (m->name)
            masthead_name(d, m->name, 1984);
        dx_para(b, "MastheadLine", NULL, NULL, "");
        dx_para(b, "MastheadLine", NULL, NULL, "");
        dx_para(b, "MastheadLine", rule_ppr, NULL, m->number ? m->number : "");
    } else {
        if (m->name)
            masthead_name(d, m->name, 0);
        if (m->issue)
            dx_para(b, "MastheadLine", NULL, NULL, m->issue);
        char ppr[sizeof rule_ppr + 160];
        snprintf(ppr, sizeof ppr, "%s" TAB_RIGHT "<w:jc w:val=\"left\"/>", rule_ppr);
        dx_p_open(b, "MastheadLine", ppr);
        dx_run(b, NULL, m->issuer);
        if (m->date) {
            dossier_buf_puts(b, "<w:r><w:tab/></w:r>");
            dx_run(b, NULL, m->date);
        }
        dx_p_close(b);
    }
    dx_para(b, NULL, NULL, NULL, ""); /* the title two lines under the rule */
}

/* 版记 / 报尾: a one-column table floating at the foot of the text block (so that it stands at
 * the bottom of the last page), a thick rule over its first line and under its last, thin
 * rules between (GB/T 9704: 0.35 mm and 0.25 mm). */
static void colophon_row(dossier_buf *b, bool tabbed)
{
    dossier_buf_puts(b, "<w:tr><w:trPr><w:cantSplit/></w:trPr><w:tc><w:tcPr>"
                        "<w:tcW w:w=\"8844\" w:type=\"dxa\"/></w:tcPr>");
    dx_p_open(b, "ColophonLine", tabbed ? TAB_COLOPHON : NULL);
}

static void colophon_row_end(dossier_buf *b)
{
    dx_p_close(b);
    dossier_buf_puts(b, "</w:tc></w:tr>");
}

void docx_colophon(docx_doc *d, const dossier_brief_colophon *c)
{
    dossier_buf *b = &d->body;
    if (c->n_lines == 0 && !c->left && !c->right)
        return;
    dossier_buf_puts(
        b, "<w:tbl><w:tblPr><w:tblpPr w:leftFromText=\"0\" w:rightFromText=\"0\""
           " w:vertAnchor=\"margin\" w:horzAnchor=\"margin\" w:tblpXSpec=\"center\""
           " w:tblpYSpec=\"bottom\"/><w:tblW w:w=\"5000\" w:type=\"pct\"/><w:tblBorders>"
           "<w:top w:val=\"single\" w:sz=\"8\" w:space=\"0\" w:color=\"000000\"/>"
           "<w:bottom w:val=\"single\" w:sz=\"8\" w:space=\"0\" w:color=\"000000\"/>"
           "<w:insideH w:val=\"single\" w:sz=\"6\" w:space=\"0\" w:color=\"000000\"/>"
           "</w:tblBorders><w:tblLayout w:type=\"fixed\"/><w:tblCellMar>"
           "<w:left w:w=\"0\" w:type=\"dxa\"/><w:right w:w=\"0\" w:type=\"dxa\"/></w:tblCellMar>"
           "</w:tblPr><w:tblGrid><w:gridCol w:w=\"8844\"/></w:tblGrid>");
    for (size_t i = 0; i < c->n_lines; i++) {
        colophon_row(b, false);
        dx_run(b, NULL, c->lines[i]->label);
        dx_run(b, NULL, "：");
        dx_run(b, NULL, c->lines[i]->text);
        colophon_row_end(b);
    }
    if (c->left || c->right) {
        colophon_row(b, true);
        dx_run(b, NULL, c->left);
        if (c->right) {
            dossier_buf_puts(b, "<w:r><w:tab/></w:r>");
            dx_run(b, NULL, c->right);
        }
        colophon_row_end(b);
    }
    dossier_buf_puts(b, "</w:tbl>");
}

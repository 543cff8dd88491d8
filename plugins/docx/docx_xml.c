/* docx_xml.c — WordprocessingML runs and paragraphs into a dossier_buf, text escaped with the
 * SDK's dossier_buf_xml; relationships of document.xml; numbers without locale. */
#include <stdio.h>

#include "docx.h"

void dx_p_open(dossier_buf *b, const char *style, const char *ppr)
{
    dossier_buf_puts(b, "<w:p>");
    if (!style && !ppr)
        return;
    dossier_buf_puts(b, "<w:pPr>");
    if (style)
        dossier_buf_printf(b, "<w:pStyle w:val=\"%s\"/>", style);
    if (ppr)
        dossier_buf_puts(b, ppr);
    dossier_buf_puts(b, "</w:pPr>");
}

void dx_p_close(dossier_buf *b)
{
    dossier_buf_puts(b, "</w:p>");
}

void dx_run(dossier_buf *b, const char *rpr, const char *text)
{
    if (!text || !*text)
        return;
    dossier_buf_puts(b, "<w:r>");
    if (rpr)
        dossier_buf_printf(b, "<w:rPr>%s</w:rPr>", rpr);
    dossier_buf_puts(b, "<w:t xml:space=\"preserve\">");
    dossier_buf_xml(b, text);
    dossier_buf_puts(b, "</w:t></w:r>");
}

void dx_para(dossier_buf *b, const char *style, const char *ppr, const char *rpr,
             const char *text)
{
    dx_p_open(b, style, ppr);
    dx_run(b, rpr, text);
    dx_p_close(b);
}

void dx_attr(dossier_buf *b, const char *name, const char *value)
{
    dossier_buf_printf(b, " %s=\"", name);
    dossier_buf_xml(b, value ? value : "");
    dossier_buf_puts(b, "\"");
}

void dx_num(dossier_buf *b, double v, int decimals)
{
    /* digit by digit: the C library's %f follows LC_NUMERIC, which the host may have set */
    if (decimals < 0)
        decimals = 0;
    if (decimals > 9)
        decimals = 9;
    double scale = 1;
    for (int i = 0; i < decimals; i++)
        scale *= 10;
    bool neg = v < 0;
    double a = (neg ? -v : v) * scale + 0.5;
    if (a > 9e15)
        a = 9e15;
    unsigned long long n = (unsigned long long)a;
    unsigned long long whole = n / (unsigned long long)scale;
    unsigned long long frac = n % (unsigned long long)scale;
    char digits[32];
    int len = snprintf(digits, sizeof digits, "%s%llu", neg && n ? "-" : "", whole);
    dossier_buf_write(b, digits, (size_t)len);
    if (decimals > 0) {
        len = snprintf(digits, sizeof digits, ".%0*llu", decimals, frac);
        dossier_buf_write(b, digits, (size_t)len);
    }
}

int dx_rel(docx_doc *d, const char *type, const char *target, bool external)
{
    int id = d->next_rid++;
    dossier_buf_printf(&d->rels,
                       "<Relationship Id=\"rId%d\" Type=\"http://schemas.openxmlformats.org/"
                       "officeDocument/2006/relationships/%s\"",
                       id, type);
    dx_attr(&d->rels, "Target", target);
    if (external)
        dossier_buf_puts(&d->rels, " TargetMode=\"External\"");
    dossier_buf_puts(&d->rels, "/>");
    return id;
}

size_t dx_chars(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

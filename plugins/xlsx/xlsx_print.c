/* xlsx_print.c — how each sheet prints: paper and orientation, margins, header and footer
 * (district, sheet name, page number), repeated header rows, and either one page wide
 * (xw_print_setup) or, for a sheet too wide for that, several pages wide at a scale that keeps
 * the text readable with the first columns repeated on every page (xw_print_setup_wide).
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "xlsx.h"

/* `s` with "&" doubled (header and footer codes), cut to at most `max` bytes at a character
 * boundary. */
static void header_text(const char *s, size_t max, char *out, size_t cap)
{
    size_t n = 0;
    for (; *s; s++) {
        if ((*s & 0xC0) != 0x80 && (n >= max || n + 8 >= cap))
            break;
        if (*s == '&')
            out[n++] = '&';
        out[n++] = *s;
    }
    out[n] = '\0';
}

/* What every sheet shares: paper, orientation, margins, header rows, header and footer. */
static void page_common(xw *x, lxw_worksheet *ws, int repeat_last)
{
    if (x->landscape)
        worksheet_set_landscape(ws);
    else
        worksheet_set_portrait(ws);
    worksheet_set_paper(ws, x->paper);
    worksheet_set_margins(ws, 0.5, 0.5, 0.75, 0.75);
    if (repeat_last >= 0)
        xw_ok(x, worksheet_repeat_rows(ws, 0, (lxw_row_t)repeat_last), "cannot repeat rows");
    char name[96], header[256], footer[256];
    header_text(x->p->name_zh, 60, name, sizeof name);
    snprintf(header, sizeof header, "&L%s&C&A&R%s", name, x->p->as_of);
    snprintf(footer, sizeof footer, "&L%s&C第 &P 页，共 &N 页&R&A", name);
    xw_ok(x, worksheet_set_header(ws, header), "cannot set the page header");
    xw_ok(x, worksheet_set_footer(ws, footer), "cannot set the page footer");
}

void xw_print_setup(xw *x, int sheet, int repeat_last)
{
    if (x->status != DOSSIER_OK)
        return;
    lxw_worksheet *ws = x->ws[sheet];
    page_common(x, ws, repeat_last);
    worksheet_fit_to_pages(ws, 1, 0);
}

int xw_print_scale(const xw *x)
{
    int scale = (int)ceil(XW_PRINT_PT * 100.0 / x->font_size);
    return scale > 100 ? 100 : scale < 10 ? 10 : scale;
}

void xw_print_setup_wide(xw *x, int sheet, int repeat_last, int repeat_cols_last)
{
    if (x->status != DOSSIER_OK)
        return;
    lxw_worksheet *ws = x->ws[sheet];
    page_common(x, ws, repeat_last);
    /* no fit to pages (it would override the scale): the columns flow onto as many pages as
       they need, each starting with the repeated columns */
    worksheet_set_print_scale(ws, (uint16_t)xw_print_scale(x));
    worksheet_print_across(ws);
    if (repeat_cols_last >= 0)
        xw_ok(x, worksheet_repeat_columns(ws, 0, (lxw_col_t)repeat_cols_last),
              "cannot repeat columns");
}

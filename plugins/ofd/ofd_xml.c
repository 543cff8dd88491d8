/* ofd_xml.c — the small writers every OFD part uses: lengths in millimetres (OFD's unit)
 * with three decimals and no locale, the page's y axis turned down, colours as "R G B".
 */
#include <math.h>
#include <stdio.h>

#include "ofd.h"

void ofd_num(dossier_buf *b, double mm)
{
    lay_buf_decimal(b, mm, 3);
}

void ofd_mm(dossier_buf *b, double pt)
{
    ofd_num(b, pt * OFD_MM_PER_PT);
}

double ofd_x(const ofd_doc *d, double x)
{
    (void)d;
    return x * OFD_MM_PER_PT;
}

double ofd_y(const ofd_doc *d, double y)
{
    return (d->L.st.page_h - y) * OFD_MM_PER_PT;
}

void ofd_color(dossier_buf *b, const char *tag, lay_rgb c)
{
    dossier_buf_printf(b, "<ofd:%s Value=\"%d %d %d\"/>", tag, (int)lround(c.r * 255.0),
                       (int)lround(c.g * 255.0), (int)lround(c.b * 255.0));
}

/* docx_chart.c — a figure of the brief as a native Word chart: a DrawingML chart part
 * (word/charts/chartN.xml) whose series carry their values as cached data (c:strCache for the
 * periods, c:numCache for the values), so Word, WPS and LibreOffice draw it without a
 * workbook and keep it editable as a chart. The primary values are bars with value labels,
 * the secondary values (a rate, say) a line on its own right-hand axis. A point whose period
 * is unlike the others is drawn apart: its bar hatched, its category marked with the note's
 * marker, and the line never joins through it (the line has a gap there; the point is a
 * lone marker of its own series). In the document: the unit line, the chart inline at the
 * text width, the caption with footnotes for the figure's notes, the general notes. */
#include "docx.h"

#define BAR_COLOUR "C00000"
#define LINE_COLOUR "1F4E79"
#define CHART_W ((long)DOCX_TEXT_W * DOCX_EMU_PER_TWIP)
#define CHART_H (CHART_W / 2)

typedef struct series_spec {
    int idx;
    const char *name;
    bool second;      /* the secondary values */
    bool unlike_only; /* only the unlike points (a lone marker each); else all but them */
} series_spec;

/* Digits after the point in a label ("7926.0" → 1, "22.4%" → 1, "34" → 0), the most of all
 * the points' labels of one series. */
static int decimals(const dossier_brief_figure *f, bool second)
{
    int most = 0;
    for (size_t i = 0; i < f->n_points; i++) {
        const char *s = second ? f->points[i]->label2 : f->points[i]->label;
        const char *dot = s ? strchr(s, '.') : NULL;
        int n = 0;
        while (dot && dot[1 + n] >= '0' && dot[1 + n] <= '9')
            n++;
        most = n > most ? n : most;
    }
    return most;
}

static void format_code(dossier_buf *b, int dec, const char *unit)
{
    char code[32] = "0";
    if (dec > 0) {
        size_t at = 1;
        code[at++] = '.';
        for (int i = 0; i < dec && at < 12; i++)
            code[at++] = '0';
        code[at] = '\0';
    }
    dossier_buf_xml(b, code);
    if (unit && strcmp(unit, "%") == 0)
        dossier_buf_xml(b, "\"%\"");
}

static const char *unit_of(const dossier_brief_figure *f, bool second)
{
    if (!second)
        return f->unit;
    return DOSSIER_HAS_FIELD(f, dossier_brief_figure, unit2) ? f->unit2 : NULL;
}

/* The category as drawn: the period, then the markers of the point's notes. */
static void category(dossier_buf *b, const dossier_brief_point *p)
{
    dossier_buf_xml(b, p->category);
    const dossier_brief_note *notes[3] = {p->unlike ? p->unlike_note : NULL, p->note, p->note2};
    for (int i = 0; i < 3; i++) {
        bool again = false;
        for (int j = 0; j < i; j++)
            again |= notes[j] == notes[i];
        if (notes[i] && notes[i]->marker && !again)
            dossier_buf_xml(b, notes[i]->marker);
    }
}

static void text_props(const docx_doc *d, dossier_buf *b, int size)
{
    dossier_buf_printf(b, "<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz=\"%d\">",
                       size);
    dossier_buf_puts(b, "<a:latin");
    dx_attr(b, "typeface", d->fonts.latin);
    dossier_buf_puts(b, "/><a:ea");
    dx_attr(b, "typeface", d->fonts.body.name);
    dossier_buf_puts(b, "/></a:defRPr></a:pPr><a:endParaRPr lang=\"zh-CN\"/></a:p></c:txPr>");
}

static void strcache_one(dossier_buf *b, const char *ref, const char *text)
{
    dossier_buf_printf(b, "<c:strRef><c:f>%s</c:f><c:strCache><c:ptCount val=\"1\"/>"
                          "<c:pt idx=\"0\"><c:v>", ref);
    dossier_buf_xml(b, text ? text : "");
    dossier_buf_puts(b, "</c:v></c:pt></c:strCache></c:strRef>");
}

static void categories(dossier_buf *b, const dossier_brief_figure *f)
{
    dossier_buf_printf(b, "<c:cat><c:strRef><c:f>Sheet1!$A$2:$A$%zu</c:f><c:strCache>"
                          "<c:ptCount val=\"%zu\"/>", f->n_points + 1, f->n_points);
    for (size_t i = 0; i < f->n_points; i++) {
        dossier_buf_printf(b, "<c:pt idx=\"%zu\"><c:v>", i);
        category(b, f->points[i]);
        dossier_buf_puts(b, "</c:v></c:pt>");
    }
    dossier_buf_puts(b, "</c:strCache></c:strRef></c:cat>");
}

static bool in_series(const dossier_brief_point *p, const series_spec *s)
{
    if (!s->second)
        return p->has_value;
    return p->has_value2 && (s->unlike_only ? p->unlike != 0 : !p->unlike);
}

static void values(dossier_buf *b, const dossier_brief_figure *f, const series_spec *s)
{
    char col = s->second ? 'C' : 'B';
    int dec = decimals(f, s->second);
    dossier_buf_printf(b, "<c:val><c:numRef><c:f>Sheet1!$%c$2:$%c$%zu</c:f><c:numCache>"
                          "<c:formatCode>", col, col, f->n_points + 1);
    format_code(b, dec, unit_of(f, s->second));
    dossier_buf_printf(b, "</c:formatCode><c:ptCount val=\"%zu\"/>", f->n_points);
    for (size_t i = 0; i < f->n_points; i++) {
        const dossier_brief_point *p = f->points[i];
        if (!in_series(p, s))
            continue;
        dossier_buf_printf(b, "<c:pt idx=\"%zu\"><c:v>", i);
        dx_num(b, s->second ? p->value2 : p->value, dec + 2);
        dossier_buf_puts(b, "</c:v></c:pt>");
    }
    dossier_buf_puts(b, "</c:numCache></c:numRef></c:val>");
}

static void labels(const docx_doc *d, dossier_buf *b, const dossier_brief_figure *f,
                   const series_spec *s)
{
    dossier_buf_puts(b, "<c:dLbls><c:numFmt formatCode=\"");
    format_code(b, decimals(f, s->second), unit_of(f, s->second));
    dossier_buf_puts(b, "\" sourceLinked=\"0\"/><c:spPr><a:noFill/><a:ln><a:noFill/></a:ln>"
                        "</c:spPr>");
    text_props(d, b, 900);
    dossier_buf_printf(b, "<c:dLblPos val=\"%s\"/><c:showLegendKey val=\"0\"/>"
                          "<c:showVal val=\"1\"/><c:showCatName val=\"0\"/>"
                          "<c:showSerName val=\"0\"/><c:showPercent val=\"0\"/>"
                          "<c:showBubbleSize val=\"0\"/></c:dLbls>",
                       s->second ? "t" : "outEnd");
}

static void fill(dossier_buf *b, const char *colour)
{
    dossier_buf_printf(b, "<a:solidFill><a:srgbClr val=\"%s\"/></a:solidFill>", colour);
}

static void bar_series(const docx_doc *d, dossier_buf *b, const dossier_brief_figure *f)
{
    series_spec s = {0, f->legend ? f->legend : f->title, false, false};
    dossier_buf_puts(b, "<c:ser><c:idx val=\"0\"/><c:order val=\"0\"/><c:tx>");
    strcache_one(b, "Sheet1!$B$1", s.name);
    dossier_buf_puts(b, "</c:tx><c:spPr>");
    fill(b, BAR_COLOUR);
    dossier_buf_puts(b, "</c:spPr><c:invertIfNegative val=\"0\"/>");
    for (size_t i = 0; i < f->n_points; i++) {
        if (!f->points[i]->unlike)
            continue;
        dossier_buf_printf(b, "<c:dPt><c:idx val=\"%zu\"/><c:invertIfNegative val=\"0\"/>"
                              "<c:bubble3D val=\"0\"/><c:spPr><a:pattFill prst=\"wdUpDiag\">"
                              "<a:fgClr><a:srgbClr val=\"" BAR_COLOUR "\"/></a:fgClr><a:bgClr>"
                              "<a:srgbClr val=\"FFFFFF\"/></a:bgClr></a:pattFill><a:ln w=\"12700\">",
                           i);
        fill(b, BAR_COLOUR);
        dossier_buf_puts(b, "</a:ln></c:spPr></c:dPt>");
    }
    labels(d, b, f, &s);
    categories(b, f);
    values(b, f, &s);
    dossier_buf_puts(b, "</c:ser>");
}

static void line_series(const docx_doc *d, dossier_buf *b, const dossier_brief_figure *f,
                        const series_spec *s)
{
    dossier_buf_printf(b, "<c:ser><c:idx val=\"%d\"/><c:order val=\"%d\"/><c:tx>", s->idx,
                       s->idx);
    strcache_one(b, "Sheet1!$C$1", s->name);
    dossier_buf_puts(b, "</c:tx><c:spPr><a:ln w=\"28575\" cap=\"rnd\">");
    if (s->unlike_only)
        dossier_buf_puts(b, "<a:noFill/>");
    else
        fill(b, LINE_COLOUR);
    dossier_buf_puts(b, "</a:ln></c:spPr><c:marker><c:symbol val=\"circle\"/><c:size val=\"6\"/>"
                        "<c:spPr>");
    fill(b, s->unlike_only ? "FFFFFF" : LINE_COLOUR);
    dossier_buf_puts(b, "<a:ln w=\"12700\">");
    fill(b, LINE_COLOUR);
    dossier_buf_puts(b, "</a:ln></c:spPr></c:marker>");
    labels(d, b, f, s);
    categories(b, f);
    values(b, f, s);
    dossier_buf_puts(b, "<c:smooth val=\"0\"/></c:ser>");
}

static void axes(const docx_doc *d, dossier_buf *b, int cat, int val, bool secondary)
{
    dossier_buf_printf(b, "<c:catAx><c:axId val=\"%d\"/><c:scaling><c:orientation val=\"minMax\"/>"
                          "</c:scaling><c:delete val=\"%d\"/><c:axPos val=\"b\"/>"
                          "<c:numFmt formatCode=\"General\" sourceLinked=\"0\"/>"
                          "<c:majorTickMark val=\"none\"/><c:minorTickMark val=\"none\"/>"
                          "<c:tickLblPos val=\"nextTo\"/>",
                       cat, secondary);
    text_props(d, b, 1000);
    dossier_buf_printf(b, "<c:crossAx val=\"%d\"/><c:crosses val=\"autoZero\"/>"
                          "<c:auto val=\"1\"/><c:lblAlgn val=\"ctr\"/><c:lblOffset val=\"100\"/>"
                          "<c:noMultiLvlLbl val=\"0\"/></c:catAx>",
                       val);
    dossier_buf_printf(b, "<c:valAx><c:axId val=\"%d\"/><c:scaling><c:orientation val=\"minMax\"/>"
                          "</c:scaling><c:delete val=\"0\"/><c:axPos val=\"%s\"/>%s"
                          "<c:numFmt formatCode=\"General\" sourceLinked=\"0\"/>"
                          "<c:majorTickMark val=\"out\"/><c:minorTickMark val=\"none\"/>"
                          "<c:tickLblPos val=\"nextTo\"/>",
                       val, secondary ? "r" : "l",
                       secondary ? "" : "<c:majorGridlines><c:spPr><a:ln w=\"6350\"><a:solidFill>"
                                        "<a:srgbClr val=\"D9D9D9\"/></a:solidFill></a:ln>"
                                        "</c:spPr></c:majorGridlines>");
    text_props(d, b, 900);
    dossier_buf_printf(b, "<c:crossAx val=\"%d\"/><c:crosses val=\"%s\"/>"
                          "<c:crossBetween val=\"between\"/></c:valAx>",
                       cat, secondary ? "max" : "autoZero");
}

static bool any(const dossier_brief_figure *f, const series_spec *s)
{
    for (size_t i = 0; i < f->n_points; i++)
        if (in_series(f->points[i], s))
            return true;
    return false;
}

static void chart_xml(const docx_doc *d, dossier_buf *b, const dossier_brief_figure *f)
{
    series_spec line = {1, f->legend2, true, false}, lone = {2, f->legend2, true, true};
    bool has_line = any(f, &line), has_lone = any(f, &lone);
    bool second = has_line || has_lone;
    dossier_buf_puts(b, "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
                        "<c:chartSpace xmlns:c=\"http://schemas.openxmlformats.org/drawingml/2006/chart\""
                        " xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\""
                        " xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
                        "<c:date1904 val=\"0\"/><c:lang val=\"zh-CN\"/><c:roundedCorners val=\"0\"/>"
                        "<c:chart><c:autoTitleDeleted val=\"1\"/><c:plotArea><c:layout/>"
                        "<c:barChart><c:barDir val=\"col\"/><c:grouping val=\"clustered\"/>"
                        "<c:varyColors val=\"0\"/>");
    bar_series(d, b, f);
    dossier_buf_puts(b, "<c:gapWidth val=\"80\"/><c:axId val=\"1001\"/><c:axId val=\"1002\"/>"
                        "</c:barChart>");
    if (second) {
        dossier_buf_puts(b, "<c:lineChart><c:grouping val=\"standard\"/><c:varyColors val=\"0\"/>");
        if (has_line)
            line_series(d, b, f, &line);
        if (has_lone)
            line_series(d, b, f, &lone);
        dossier_buf_puts(b, "<c:marker val=\"1\"/><c:axId val=\"1003\"/><c:axId val=\"1004\"/>"
                            "</c:lineChart>");
    }
    axes(d, b, 1001, 1002, false);
    if (second)
        axes(d, b, 1003, 1004, true);
    dossier_buf_puts(b, "</c:plotArea>");
    if (second) {
        dossier_buf_puts(b, "<c:legend><c:legendPos val=\"b\"/>");
        if (has_lone && has_line) /* the lone markers are the line's: one legend entry */
            dossier_buf_puts(b, "<c:legendEntry><c:idx val=\"2\"/><c:delete val=\"1\"/>"
                                "</c:legendEntry>");
        dossier_buf_puts(b, "<c:overlay val=\"0\"/>");
        text_props(d, b, 1000);
        dossier_buf_puts(b, "</c:legend>");
    }
    dossier_buf_puts(b, "<c:plotVisOnly val=\"1\"/><c:dispBlanksAs val=\"gap\"/></c:chart>"
                        "<c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr>");
    text_props(d, b, 1000);
    dossier_buf_puts(b, "</c:chartSpace>");
}

static void inline_drawing(docx_doc *d, const dossier_brief_figure *f, int rid)
{
    dossier_buf *b = &d->body;
    int id = d->next_drawing_id++;
    dx_p_open(b, "ChartFrame", "<w:keepNext/>");
    dossier_buf_printf(b, "<w:r><w:drawing><wp:inline distT=\"0\" distB=\"0\" distL=\"0\""
                          " distR=\"0\"><wp:extent cx=\"%ld\" cy=\"%ld\"/>"
                          "<wp:effectExtent l=\"0\" t=\"0\" r=\"0\" b=\"0\"/>"
                          "<wp:docPr id=\"%d\" name=\"Chart %d\"",
                       CHART_W, CHART_H, id, id);
    dx_attr(b, "descr", f->caption);
    dossier_buf_printf(b, "/><wp:cNvGraphicFramePr/><a:graphic "
                          "xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\">"
                          "<a:graphicData uri=\"http://schemas.openxmlformats.org/drawingml/2006/chart\">"
                          "<c:chart xmlns:c=\"http://schemas.openxmlformats.org/drawingml/2006/chart\""
                          " r:id=\"rId%d\"/></a:graphicData></a:graphic></wp:inline></w:drawing>"
                          "</w:r>",
                       rid);
    dx_p_close(b);
}

void docx_figure(docx_doc *d, const dossier_brief_figure *f)
{
    dossier_buf *grown = realloc(d->charts, (d->n_charts + 1) * sizeof *grown);
    if (!grown) {
        d->st = DOSSIER_ERR_NO_MEMORY;
        return;
    }
    d->charts = grown;
    dossier_buf *part = &d->charts[d->n_charts++];
    dossier_buf_init(part);
    chart_xml(d, part, f);
    char target[48];
    snprintf(target, sizeof target, "charts/chart%zu.xml", d->n_charts);
    int rid = dx_rel(d, "chart", target, false);

    if (f->unit_label)
        dx_para(&d->body, "ChartUnit", "<w:keepNext/>", NULL, f->unit_label);
    inline_drawing(d, f, rid);
    dx_p_open(&d->body, "Caption", NULL);
    dx_run(&d->body, NULL, f->caption);
    docx_notes_refs(d, f->notes, f->n_notes);
    dx_p_close(&d->body);
    docx_notes_under(d, f->notes_label, f->notes, f->n_notes);
}

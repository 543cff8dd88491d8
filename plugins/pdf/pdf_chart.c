/* pdf_chart.c — a profile chart as vector graphics: the series as bars by period with value
 * labels on a category axis, an optional second series (e.g. growth in %) as a line with
 * labelled markers on its own scale above the bars, the unit or a legend, and a caption
 * ("图1　地区生产总值") under the chart. Generic: everything comes from dossier_chart.
 *
 * Numbers are printed as the host formats them (format_value for bars, format_figure for the
 * second series, format_period for categories); the value axis is labelled in round steps
 * (1, 2, 2.5 or 5 times a power of ten) that are scale marks, not figures.
 *
 * Ownership: the chart and its arrays are malloc'd and freed by pdf_chart_free; strings live
 * in the doc's arena.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "pdf.h"

struct pdf_chart {
    const dossier_chart *c;
    const char *caption;
    const char *unit_label;  /* "单位：亿元" (no second series) */
    const char *legend[2];   /* with a second series */
    size_t n;
    const char **cats;       /* period labels */
    const char **labels;     /* value labels */
    double *values;
    const char **labels2;    /* second series, matched by period; NULL where missing */
    double *values2;
    const char *where;
};

void pdf_chart_free(pdf_chart *ch)
{
    if (!ch)
        return;
    free(ch->cats);
    free(ch->labels);
    free(ch->values);
    free(ch->labels2);
    free(ch->values2);
    free(ch);
}

static const char *fmt(pdf_doc *d, const dossier_indicator *ind,
                       size_t (*f)(const dossier_indicator *, char *, size_t))
{
    char buf[512];
    f(ind, buf, sizeof buf);
    return pdf_arena_printf(&d->arena, "%s", buf);
}

dossier_status pdf_chart_build(pdf_doc *d, const dossier_chart *c, int number, size_t *ref)
{
    pdf_chart *ch = calloc(1, sizeof *ch);
    pdf_chart **slot = ch ? PDF_PUSH(d, charts) : NULL;
    if (!slot) {
        free(ch);
        return pdf_fail(d, DOSSIER_ERR_NO_MEMORY, "out of memory");
    }
    *slot = ch;
    *ref = d->n_charts - 1;
    const dossier_series *s = c->series;
    ch->c = c;
    ch->n = s->n_points;
    ch->where = pdf_arena_printf(&d->arena, "charts[%d] (\"%s\")", number - 1, c->title);
    ch->caption = pdf_arena_printf(&d->arena, "图%d　%s", number, c->title);
    ch->cats = calloc(ch->n, sizeof *ch->cats);
    ch->labels = calloc(ch->n, sizeof *ch->labels);
    ch->values = calloc(ch->n, sizeof *ch->values);
    ch->labels2 = calloc(ch->n, sizeof *ch->labels2);
    ch->values2 = calloc(ch->n, sizeof *ch->values2);
    if (!ch->where || !ch->caption || !ch->cats || !ch->labels || !ch->values || !ch->labels2 ||
        !ch->values2)
        return pdf_fail(d, DOSSIER_ERR_NO_MEMORY, "out of memory");
    const dossier_series *s2 = c->secondary;
    if (s2) {
        ch->legend[0] = pdf_arena_printf(&d->arena, "%s（%s）", s->name, s->unit);
        ch->legend[1] = pdf_arena_printf(&d->arena, "%s（%s）", s2->name, s2->unit);
    } else {
        ch->unit_label = pdf_arena_printf(&d->arena, "单位：%s", s->unit);
    }
    for (size_t i = 0; i < ch->n; i++) {
        const dossier_indicator *p = s->points[i];
        ch->cats[i] = fmt(d, p, d->host->format_period);
        ch->labels[i] = fmt(d, p, d->host->format_value);
        ch->values[i] = p->value;
        if (!ch->cats[i] || !ch->labels[i])
            return pdf_fail(d, DOSSIER_ERR_NO_MEMORY, "out of memory");
        for (size_t k = 0; s2 && k < s2->n_points; k++)
            if (strcmp(s2->points[k]->period, p->period) == 0) {
                ch->labels2[i] = fmt(d, s2->points[k], d->host->format_figure);
                ch->values2[i] = s2->points[k]->value;
                if (!ch->labels2[i])
                    return pdf_fail(d, DOSSIER_ERR_NO_MEMORY, "out of memory");
            }
    }
    return DOSSIER_OK;
}

dossier_status pdf_chart_register_text(pdf_doc *d, const pdf_chart *ch)
{
    pdf_role label = d->st.ts[PDF_TS_CHART].role;
    dossier_status s = pdf_fonts_use(d, d->st.ts[PDF_TS_CAPTION].role, ch->caption, ch->where);
    for (int k = 0; k < 2 && s == DOSSIER_OK; k++)
        if (ch->legend[k])
            s = pdf_fonts_use(d, label, ch->legend[k], ch->where);
    if (s == DOSSIER_OK && ch->unit_label)
        s = pdf_fonts_use(d, label, ch->unit_label, ch->where);
    for (size_t i = 0; i < ch->n && s == DOSSIER_OK; i++) {
        s = pdf_fonts_use(d, label, ch->cats[i], ch->where);
        if (s == DOSSIER_OK)
            s = pdf_fonts_use(d, label, ch->labels[i], ch->where);
        if (s == DOSSIER_OK && ch->labels2[i])
            s = pdf_fonts_use(d, label, ch->labels2[i], ch->where);
    }
    /* Tick labels of the value axis. */
    if (s == DOSSIER_OK)
        s = pdf_fonts_use(d, label, "-.0123456789", ch->where);
    return s;
}

double pdf_chart_height(const pdf_doc *d, const pdf_chart *ch)
{
    (void)ch;
    return d->st.text_w * d->st.chart_ratio + d->st.ts[PDF_TS_CAPTION].leading;
}

static void rect(HPDF_Page page, double x, double y, double w, double h)
{
    HPDF_Page_Rectangle(page, (HPDF_REAL)x, (HPDF_REAL)y, (HPDF_REAL)w, (HPDF_REAL)h);
}

static void line(HPDF_Page page, double x0, double y0, double x1, double y1)
{
    HPDF_Page_MoveTo(page, (HPDF_REAL)x0, (HPDF_REAL)y0);
    HPDF_Page_LineTo(page, (HPDF_REAL)x1, (HPDF_REAL)y1);
}

/* A round step (1, 2, 2.5 or 5 times a power of ten) at least `raw`. */
static double nice_step(double raw)
{
    double p = pow(10, floor(log10(raw)));
    static const double m[] = {1, 2, 2.5, 5, 10};
    for (size_t i = 0; i < sizeof m / sizeof m[0]; i++)
        if (m[i] * p >= raw * (1 - 1e-9))
            return m[i] * p;
    return 10 * p;
}

/* A tick label with as many decimals as the step needs ("2000", "2.5", "0.25"). */
static void tick_text(double v, double step, char *buf, size_t cap)
{
    int decimals = 0;
    while (decimals < 6 && fabs(step * pow(10, decimals) - round(step * pow(10, decimals))) > 1e-6)
        decimals++;
    snprintf(buf, cap, "%.*f", decimals, fabs(v) < step * 1e-9 ? 0.0 : v);
}

/* Draws a label centred on x with its baseline at y, shrunk to fit max_w. */
static void label(pdf_doc *d, HPDF_Page page, const char *text, double x, double y,
                  double max_w)
{
    pdf_textstyle ts = d->st.ts[PDF_TS_CHART];
    double w = pdf_layout_width(d, text, &ts);
    if (w > max_w && w > 0)
        ts.size = fmax(ts.size * max_w / w, ts.size * 0.6);
    pdf_render_string(d, page, text, &ts, x, y, PDF_CENTER);
}

/* Bar colour (deep red) and line colour (slate) of the official style. */
#define BAR_R 0.70
#define BAR_G 0.13
#define BAR_B 0.13
#define LINE_R 0.15
#define LINE_G 0.27
#define LINE_B 0.45

static void legend(pdf_doc *d, HPDF_Page page, const pdf_chart *ch, double right, double y)
{
    const pdf_textstyle *ts = &d->st.ts[PDF_TS_CHART];
    double s = ts->size, gap = s * 1.5;
    double w1 = pdf_layout_width(d, ch->legend[0], ts), w2 = pdf_layout_width(d, ch->legend[1], ts);
    double x = right - (s + s * 0.4 + w1 + gap + s * 1.6 + s * 0.4 + w2);
    HPDF_Page_SetRGBFill(page, BAR_R, BAR_G, BAR_B);
    rect(page, x, y - s * 0.05, s * 0.9, s * 0.8);
    HPDF_Page_Fill(page);
    HPDF_Page_SetGrayFill(page, 0);
    pdf_render_string(d, page, ch->legend[0], ts, x + s * 1.3, y, PDF_LEFT);
    x += s * 1.3 + w1 + gap;
    HPDF_Page_SetRGBStroke(page, LINE_R, LINE_G, LINE_B);
    HPDF_Page_SetLineWidth(page, 1.2);
    line(page, x, y + s * 0.35, x + s * 1.6, y + s * 0.35);
    HPDF_Page_Stroke(page);
    HPDF_Page_SetRGBFill(page, LINE_R, LINE_G, LINE_B);
    HPDF_Page_Circle(page, (HPDF_REAL)(x + s * 0.8), (HPDF_REAL)(y + s * 0.35), (HPDF_REAL)(s * 0.22));
    HPDF_Page_Fill(page);
    HPDF_Page_SetGrayFill(page, 0);
    pdf_render_string(d, page, ch->legend[1], ts, x + s * 2.0, y, PDF_LEFT);
}

void pdf_chart_draw(pdf_doc *d, HPDF_Page page, const pdf_chart *ch, double x, double top)
{
    const pdf_textstyle *ts = &d->st.ts[PDF_TS_CHART];
    const pdf_textstyle *cap = &d->st.ts[PDF_TS_CAPTION];
    double w = d->st.text_w, s = ts->size;
    double h = w * d->st.chart_ratio;
    double bottom = top - h;
    /* Caption under the chart. */
    pdf_render_string(d, page, ch->caption, cap, x + w / 2,
                      bottom - cap->leading + (cap->leading - cap->size) / 2 + cap->size * 0.2,
                      PDF_CENTER);

    /* Plot area: a line of text above (unit or legend), category labels below. */
    double plot_top = top - s * 2.2;
    double axis_y = bottom + s * 2.0;
    double left = x + w * 0.06, right = x + w * 0.94;
    double lo = 0, hi = 0;
    for (size_t i = 0; i < ch->n; i++) {
        lo = fmin(lo, ch->values[i]);
        hi = fmax(hi, ch->values[i]);
    }
    if (hi - lo <= 0)
        hi = lo + 1;
    /* The value axis runs in round steps that cover the bars. */
    double step = nice_step((hi - lo) / 4);
    long k_lo = (long)floor(lo / step + 1e-9), k_hi = (long)ceil(hi / step - 1e-9);
    lo = (double)k_lo * step;
    hi = (double)k_hi * step;
    /* Room on the left for the widest tick label. */
    for (long k = k_lo; k <= k_hi; k++) {
        char tick[32];
        tick_text((double)k * step, step, tick, sizeof tick);
        left = fmax(left, x + pdf_layout_width(d, tick, ts) + s * 0.6);
    }
    if (ch->legend[0])
        legend(d, page, ch, right, top - s * 1.1);
    else
        pdf_render_string(d, page, ch->unit_label, ts, left, top - s * 1.1, PDF_LEFT);

    bool two = ch->legend[0] != NULL;
    /* With a second series the bars keep the lower part and the line the band above. */
    double bar_h = (plot_top - axis_y) * (two ? 0.62 : 0.84);
    double label_room = s * 1.4;
    double scale = (bar_h - label_room * (lo < 0 ? 2 : 1)) / (hi - lo);
    double zero = axis_y + (lo < 0 ? label_room + (-lo) * scale : 0);
    double slot = (right - left) / (double)ch->n;
    double bw = fmin(slot * 0.5, s * 6);

    HPDF_Page_GSave(page);
    /* Light guide lines at the steps, the value axis with its tick labels on the left. */
    HPDF_Page_SetGrayStroke(page, 0.85);
    HPDF_Page_SetLineWidth(page, 0.3);
    for (long k = k_lo; k <= k_hi; k++) {
        if (k == 0)
            continue;
        double gy = zero + (double)k * step * scale;
        line(page, left, gy, right, gy);
        HPDF_Page_Stroke(page);
    }
    HPDF_Page_SetGrayStroke(page, 0);
    HPDF_Page_SetLineWidth(page, 0.8);
    line(page, left, zero + lo * scale, left, zero + hi * scale);
    for (long k = k_lo; k <= k_hi; k++)
        line(page, left - s * 0.3, zero + (double)k * step * scale, left,
             zero + (double)k * step * scale);
    HPDF_Page_Stroke(page);
    for (long k = k_lo; k <= k_hi; k++) {
        char tick[32];
        tick_text((double)k * step, step, tick, sizeof tick);
        pdf_render_string(d, page, tick, ts, left - s * 0.5,
                          zero + (double)k * step * scale - s * 0.35, PDF_RIGHT);
    }
    HPDF_Page_SetRGBFill(page, BAR_R, BAR_G, BAR_B);
    for (size_t i = 0; i < ch->n; i++) {
        double cx = left + slot * ((double)i + 0.5);
        double v = ch->values[i] * scale;
        rect(page, cx - bw / 2, v >= 0 ? zero : zero + v, bw, fabs(v));
    }
    HPDF_Page_Fill(page);
    /* Category axis with ticks between categories. */
    HPDF_Page_SetGrayStroke(page, 0);
    HPDF_Page_SetLineWidth(page, 0.8);
    line(page, left, zero, right, zero);
    for (size_t i = 0; i <= ch->n; i++)
        line(page, left + slot * (double)i, zero, left + slot * (double)i, zero - s * 0.35);
    HPDF_Page_Stroke(page);
    HPDF_Page_SetGrayFill(page, 0);
    for (size_t i = 0; i < ch->n; i++) {
        double cx = left + slot * ((double)i + 0.5);
        double v = ch->values[i] * scale;
        double ly = v >= 0 ? zero + v + s * 0.4 : zero + v - s * 1.2;
        label(d, page, ch->labels[i], cx, ly, slot * 0.95);
        label(d, page, ch->cats[i], cx, axis_y - s * 1.4 - (lo < 0 ? 0 : 0), slot * 0.95);
    }

    if (two) {
        double lo2 = INFINITY, hi2 = -INFINITY;
        for (size_t i = 0; i < ch->n; i++)
            if (ch->labels2[i]) {
                lo2 = fmin(lo2, ch->values2[i]);
                hi2 = fmax(hi2, ch->values2[i]);
            }
        if (lo2 <= hi2) {
            double band_lo = axis_y + (plot_top - axis_y) * 0.72;
            double band_hi = plot_top - s * 1.6;
            double span = hi2 - lo2 > 0 ? hi2 - lo2 : 1;
            HPDF_Page_SetRGBStroke(page, LINE_R, LINE_G, LINE_B);
            HPDF_Page_SetLineWidth(page, 1.2);
            bool started = false;
            for (size_t i = 0; i < ch->n; i++) {
                if (!ch->labels2[i])
                    continue;
                double cx = left + slot * ((double)i + 0.5);
                double cy = hi2 > lo2 ? band_lo + (ch->values2[i] - lo2) / span * (band_hi - band_lo)
                                      : (band_lo + band_hi) / 2;
                if (started)
                    HPDF_Page_LineTo(page, (HPDF_REAL)cx, (HPDF_REAL)cy);
                else
                    HPDF_Page_MoveTo(page, (HPDF_REAL)cx, (HPDF_REAL)cy);
                started = true;
            }
            HPDF_Page_Stroke(page);
            HPDF_Page_SetRGBFill(page, LINE_R, LINE_G, LINE_B);
            for (size_t i = 0; i < ch->n; i++) {
                if (!ch->labels2[i])
                    continue;
                double cx = left + slot * ((double)i + 0.5);
                double cy = hi2 > lo2 ? band_lo + (ch->values2[i] - lo2) / span * (band_hi - band_lo)
                                      : (band_lo + band_hi) / 2;
                HPDF_Page_Circle(page, (HPDF_REAL)cx, (HPDF_REAL)cy, (HPDF_REAL)(s * 0.25));
                HPDF_Page_Fill(page);
                label(d, page, ch->labels2[i], cx, cy + s * 0.6, slot * 0.95);
                HPDF_Page_SetRGBFill(page, LINE_R, LINE_G, LINE_B);
            }
        }
    }
    HPDF_Page_GRestore(page);
    HPDF_Page_SetGrayFill(page, 0);
}

/* lay_chart.c — a figure of the brief (dossier_brief_figure) as vector graphics: the primary
 * series as bars by category with value labels, an optional secondary series (e.g. growth in
 * %) as a line with labelled markers on its own scale above the bars, the unit label or the
 * legends, and the caption ("图1　地区生产总值") under the chart. The brief has already paired
 * the points by period, converted the values to the series' units and written the labels;
 * nothing here reads the profile.
 *
 * A point with a note gets the note's marker (①) after its value label (primary note) or
 * after its secondary label (secondary note); a point `unlike` the others (a half-year among
 * years) gets its note's marker after its category, its bar is drawn hatched in an outline
 * instead of solid, its secondary marker is hollow, and the line never joins it to its
 * neighbours. The notes themselves are text blocks under the chart (lay_content.c).
 *
 * The value axis is labelled in round steps (1, 2, 2.5 or 5 times a power of ten) that are
 * scale marks, not figures.
 *
 * Ownership: the chart and its arrays are malloc'd and freed by lay_chart_free; strings are
 * the brief's or live in the doc's arena.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "layout.h"

struct lay_chart {
    const dossier_brief_figure *f;
    const char *where;
    size_t n;
    const char **cats;    /* category, with the unlike note's marker */
    const char **labels;  /* primary value label with its note's marker; NULL without value */
    const char **labels2; /* secondary label with its note's marker; NULL without value */
};

void lay_chart_free(lay_chart *ch)
{
    if (!ch)
        return;
    free(ch->cats);
    free(ch->labels);
    free(ch->labels2);
    free(ch);
}

/* text followed by the note's marker, if any. */
static const char *marked(lay_doc *d, const char *text, const dossier_brief_note *note)
{
    if (!note || !note->marker)
        return text;
    return lay_arena_printf(&d->arena, "%s%s", text, note->marker);
}

dossier_status lay_chart_build(lay_doc *d, const dossier_brief_figure *f, const char *where,
                               size_t *ref)
{
    lay_chart *ch = calloc(1, sizeof *ch);
    lay_chart **slot = ch ? LAY_PUSH(d, charts) : NULL;
    if (!slot) {
        free(ch);
        return lay_fail(d, DOSSIER_ERR_NO_MEMORY, "out of memory");
    }
    *slot = ch;
    *ref = d->n_charts - 1;
    ch->f = f;
    ch->where = where;
    ch->n = f->n_points;
    size_t n = ch->n ? ch->n : 1;
    ch->cats = calloc(n, sizeof *ch->cats);
    ch->labels = calloc(n, sizeof *ch->labels);
    ch->labels2 = calloc(n, sizeof *ch->labels2);
    if (!ch->cats || !ch->labels || !ch->labels2)
        return lay_fail(d, DOSSIER_ERR_NO_MEMORY, "out of memory");
    for (size_t i = 0; i < ch->n; i++) {
        const dossier_brief_point *p = f->points[i];
        ch->cats[i] = marked(d, p->category, p->unlike ? p->unlike_note : NULL);
        if (p->has_value && p->label)
            ch->labels[i] = marked(d, p->label, p->note);
        if (p->has_value2 && p->label2)
            ch->labels2[i] = marked(d, p->label2, p->note2);
        if (!ch->cats[i] || (p->has_value && p->label && !ch->labels[i]) ||
            (p->has_value2 && p->label2 && !ch->labels2[i]))
            return lay_fail(d, DOSSIER_ERR_NO_MEMORY, "out of memory");
    }
    return DOSSIER_OK;
}

dossier_status lay_chart_register_text(lay_doc *d, const lay_chart *ch)
{
    const dossier_brief_figure *f = ch->f;
    lay_role label = d->st.ts[LAY_TS_CHART].role;
    dossier_status s = DOSSIER_OK;
    if (f->caption)
        s = lay_fonts_use(d, d->st.ts[LAY_TS_CAPTION].role, f->caption, ch->where);
    const char *texts[] = {f->legend, f->legend2, f->unit_label};
    for (size_t k = 0; k < sizeof texts / sizeof texts[0] && s == DOSSIER_OK; k++)
        if (texts[k])
            s = lay_fonts_use(d, label, texts[k], ch->where);
    for (size_t i = 0; i < ch->n && s == DOSSIER_OK; i++) {
        s = lay_fonts_use(d, label, ch->cats[i], ch->where);
        if (s == DOSSIER_OK && ch->labels[i])
            s = lay_fonts_use(d, label, ch->labels[i], ch->where);
        if (s == DOSSIER_OK && ch->labels2[i])
            s = lay_fonts_use(d, label, ch->labels2[i], ch->where);
    }
    /* Tick labels of the value axis. */
    if (s == DOSSIER_OK)
        s = lay_fonts_use(d, label, "-.0123456789", ch->where);
    return s;
}

double lay_chart_height(const lay_doc *d, const lay_chart *ch)
{
    (void)ch;
    return d->st.text_w * d->st.chart_ratio + d->st.ts[LAY_TS_CAPTION].leading;
}

static void rect(lay_dl *dl, double x, double y, double w, double h)
{
    lay_dl_rect(dl, x, y, w, h);
}

static void line(lay_dl *dl, double x0, double y0, double x1, double y1)
{
    lay_dl_move(dl, x0, y0);
    lay_dl_line(dl, x1, y1);
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
static void label(lay_doc *d, lay_dl *dl, const char *text, double x, double y,
                  double max_w)
{
    lay_textstyle ts = d->st.ts[LAY_TS_CHART];
    double w = lay_layout_width(d, text, &ts);
    if (w > max_w && w > 0)
        ts.size = fmax(ts.size * max_w / w, ts.size * 0.6);
    lay_draw_string(d, dl, text, &ts, x, y, LAY_CENTER);
}

/* Bar colour (deep red) and line colour (slate) of the official style. */
#define BAR_R 0.70
#define BAR_G 0.13
#define BAR_B 0.13
#define LINE_R 0.15
#define LINE_G 0.27
#define LINE_B 0.45

static void legend(lay_doc *d, lay_dl *dl, const lay_chart *ch, double right, double y)
{
    const lay_textstyle *ts = &d->st.ts[LAY_TS_CHART];
    const char *l1 = ch->f->legend ? ch->f->legend : "", *l2 = ch->f->legend2;
    double s = ts->size, gap = s * 1.5;
    double w1 = lay_layout_width(d, l1, ts), w2 = lay_layout_width(d, l2, ts);
    double x = right - (s + s * 0.4 + w1 + gap + s * 1.6 + s * 0.4 + w2);
    lay_dl_fill_rgb(dl, BAR_R, BAR_G, BAR_B);
    rect(dl, x, y - s * 0.05, s * 0.9, s * 0.8);
    lay_dl_fill(dl);
    lay_dl_fill_gray(dl, 0);
    lay_draw_string(d, dl, l1, ts, x + s * 1.3, y, LAY_LEFT);
    x += s * 1.3 + w1 + gap;
    lay_dl_stroke_rgb(dl, LINE_R, LINE_G, LINE_B);
    lay_dl_line_width(dl, 1.2);
    line(dl, x, y + s * 0.35, x + s * 1.6, y + s * 0.35);
    lay_dl_stroke(dl);
    lay_dl_fill_rgb(dl, LINE_R, LINE_G, LINE_B);
    lay_dl_circle(dl, (x + s * 0.8), (y + s * 0.35), (s * 0.22));
    lay_dl_fill(dl);
    lay_dl_fill_gray(dl, 0);
    lay_draw_string(d, dl, l2, ts, x + s * 2.0, y, LAY_LEFT);
}

/* A bar of a point unlike the others: outlined, hatched with diagonals, not solid. The
 * diagonals (45°, one every `pitch`) are cut to the bar here, so the display list needs no
 * clipping: the one from (x + k, y) runs to (x + k + h, y + h) and is kept where it lies
 * within x .. x + w. */
static void hatched_bar(lay_dl *dl, double x, double y, double w, double h, double pitch)
{
    lay_dl_save(dl);
    lay_dl_stroke_rgb(dl, BAR_R, BAR_G, BAR_B);
    lay_dl_line_width(dl, 0.6);
    for (double k = -h; k < w; k += pitch) {
        double t0 = fmax(0, -k), t1 = fmin(h, w - k); /* the part with 0 <= k + t <= w */
        if (t1 > t0)
            line(dl, x + k + t0, y + t0, x + k + t1, y + t1);
    }
    lay_dl_stroke(dl);
    lay_dl_restore(dl);
    lay_dl_stroke_rgb(dl, BAR_R, BAR_G, BAR_B);
    lay_dl_line_width(dl, 1.0);
    rect(dl, x, y, w, h);
    lay_dl_stroke(dl);
}

void lay_chart_draw(lay_doc *d, lay_dl *dl, const lay_chart *ch, double x, double top)
{
    const dossier_brief_figure *f = ch->f;
    const lay_textstyle *ts = &d->st.ts[LAY_TS_CHART];
    const lay_textstyle *cap = &d->st.ts[LAY_TS_CAPTION];
    double w = d->st.text_w, s = ts->size;
    double h = w * d->st.chart_ratio;
    double bottom = top - h;
    /* Caption under the chart. */
    if (f->caption)
        lay_draw_string(d, dl, f->caption, cap, x + w / 2,
                          bottom - cap->leading + (cap->leading - cap->size) / 2 +
                              cap->size * 0.2,
                          LAY_CENTER);

    /* Plot area: a line of text above (unit or legend), category labels below. */
    double plot_top = top - s * 2.2;
    double axis_y = bottom + s * 2.0;
    double left = x + w * 0.06, right = x + w * 0.94;
    double lo = 0, hi = 0;
    for (size_t i = 0; i < ch->n; i++)
        if (ch->labels[i]) {
            lo = fmin(lo, f->points[i]->value);
            hi = fmax(hi, f->points[i]->value);
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
        left = fmax(left, x + lay_layout_width(d, tick, ts) + s * 0.6);
    }
    bool two = f->legend2 != NULL;
    if (two)
        legend(d, dl, ch, right, top - s * 1.1);
    else if (f->unit_label)
        lay_draw_string(d, dl, f->unit_label, ts, left, top - s * 1.1, LAY_LEFT);

    /* With a second series the bars keep the lower part and the line the band above. */
    double bar_h = (plot_top - axis_y) * (two ? 0.62 : 0.84);
    double label_room = s * 1.4;
    double scale = (bar_h - label_room * (lo < 0 ? 2 : 1)) / (hi - lo);
    double zero = axis_y + (lo < 0 ? label_room + (-lo) * scale : 0);
    double slot = (right - left) / (double)(ch->n ? ch->n : 1);
    double bw = fmin(slot * 0.5, s * 6);

    lay_dl_save(dl);
    /* Light guide lines at the steps, the value axis with its tick labels on the left. */
    lay_dl_stroke_gray(dl, 0.85);
    lay_dl_line_width(dl, 0.3);
    for (long k = k_lo; k <= k_hi; k++) {
        if (k == 0)
            continue;
        double gy = zero + (double)k * step * scale;
        line(dl, left, gy, right, gy);
        lay_dl_stroke(dl);
    }
    lay_dl_stroke_gray(dl, 0);
    lay_dl_line_width(dl, 0.8);
    line(dl, left, zero + lo * scale, left, zero + hi * scale);
    for (long k = k_lo; k <= k_hi; k++)
        line(dl, left - s * 0.3, zero + (double)k * step * scale, left,
             zero + (double)k * step * scale);
    lay_dl_stroke(dl);
    for (long k = k_lo; k <= k_hi; k++) {
        char tick[32];
        tick_text((double)k * step, step, tick, sizeof tick);
        lay_draw_string(d, dl, tick, ts, left - s * 0.5,
                          zero + (double)k * step * scale - s * 0.35, LAY_RIGHT);
    }
    /* Bars: solid, but hatched in an outline for a point unlike the others. */
    for (size_t i = 0; i < ch->n; i++) {
        if (!ch->labels[i])
            continue;
        double cx = left + slot * ((double)i + 0.5);
        double v = f->points[i]->value * scale;
        double by = v >= 0 ? zero : zero + v;
        if (f->points[i]->unlike) {
            hatched_bar(dl, cx - bw / 2, by, bw, fabs(v), s * 0.5);
        } else {
            lay_dl_fill_rgb(dl, BAR_R, BAR_G, BAR_B);
            rect(dl, cx - bw / 2, by, bw, fabs(v));
            lay_dl_fill(dl);
        }
    }
    /* Category axis with ticks between categories. */
    lay_dl_stroke_gray(dl, 0);
    lay_dl_line_width(dl, 0.8);
    line(dl, left, zero, right, zero);
    for (size_t i = 0; i <= ch->n; i++)
        line(dl, left + slot * (double)i, zero, left + slot * (double)i, zero - s * 0.35);
    lay_dl_stroke(dl);
    lay_dl_fill_gray(dl, 0);
    for (size_t i = 0; i < ch->n; i++) {
        double cx = left + slot * ((double)i + 0.5);
        if (ch->labels[i]) {
            double v = f->points[i]->value * scale;
            double ly = v >= 0 ? zero + v + s * 0.4 : zero + v - s * 1.2;
            label(d, dl, ch->labels[i], cx, ly, slot * 0.95);
        }
        label(d, dl, ch->cats[i], cx, axis_y - s * 1.4, slot * 0.95);
    }

    if (two) {
        double lo2 = INFINITY, hi2 = -INFINITY;
        for (size_t i = 0; i < ch->n; i++)
            if (ch->labels2[i]) {
                lo2 = fmin(lo2, f->points[i]->value2);
                hi2 = fmax(hi2, f->points[i]->value2);
            }
        if (lo2 <= hi2) {
            double band_lo = axis_y + (plot_top - axis_y) * 0.72;
            double band_hi = plot_top - s * 1.6;
            double span = hi2 - lo2 > 0 ? hi2 - lo2 : 1;
            double *ys = calloc(ch->n, sizeof *ys);
            if (!ys) {
                lay_fail(d, DOSSIER_ERR_NO_MEMORY, "out of memory");
                lay_dl_restore(dl);
                return;
            }
            for (size_t i = 0; i < ch->n; i++)
                ys[i] = hi2 > lo2 ? band_lo + (f->points[i]->value2 - lo2) / span *
                                                  (band_hi - band_lo)
                                  : (band_lo + band_hi) / 2;
            /* The line joins neighbours that both have a value and are both like the rest. */
            lay_dl_stroke_rgb(dl, LINE_R, LINE_G, LINE_B);
            lay_dl_line_width(dl, 1.2);
            bool joined = false;
            for (size_t i = 1; i < ch->n; i++) {
                if (!ch->labels2[i - 1] || !ch->labels2[i] || f->points[i - 1]->unlike ||
                    f->points[i]->unlike)
                    continue;
                line(dl, left + slot * ((double)i - 0.5), ys[i - 1],
                     left + slot * ((double)i + 0.5), ys[i]);
                joined = true;
            }
            if (joined)
                lay_dl_stroke(dl);
            lay_dl_line_width(dl, 1.0);
            for (size_t i = 0; i < ch->n; i++) {
                if (!ch->labels2[i])
                    continue;
                double cx = left + slot * ((double)i + 0.5);
                bool hollow = f->points[i]->unlike;
                if (hollow)
                    lay_dl_fill_gray(dl, 1);
                else
                    lay_dl_fill_rgb(dl, LINE_R, LINE_G, LINE_B);
                lay_dl_circle(dl, cx, ys[i], (s * 0.25));
                if (hollow)
                    lay_dl_fill_stroke(dl);
                else
                    lay_dl_fill(dl);
                lay_dl_fill_rgb(dl, LINE_R, LINE_G, LINE_B);
                label(d, dl, ch->labels2[i], cx, ys[i] + s * 0.6, slot * 0.95);
            }
            free(ys);
        }
    }
    lay_dl_restore(dl);
    lay_dl_fill_gray(dl, 0);
}

/* html_chart.c — a chart of the profile as inline SVG, drawn generically from a
 * dossier_chart: the series as bars with value labels on a left axis starting at zero, the
 * optional secondary series (a rate, say) as a line with its own right axis, drawn in the band
 * above the bars so that the two never cover each other; category labels are the periods as
 * the host formats them. Values in another unit of the same base (万亿元 in a 亿元 series) are
 * converted with the host's unit table; a value that cannot be converted is left out with a
 * warning. Each bar carries its indicator's id and period (data-indicator, data-period) so
 * that readers and tests can tell bars from the legend's swatch. No libm: the plugin links
 * nothing but libc. */
#include "html.h"

#include <stdlib.h>
#include <string.h>

#define CHART_W 680.0
#define CHART_H 380.0
#define FONT 13.0       /* px; the labels' size */
#define BAR_TOP 0.56    /* with a line: bars reach at most this share of the plot height */
#define LINE_LOW 0.68   /* with a line: the line's band, as shares of the plot height */
#define LINE_HIGH 0.93

typedef struct axis {
    double lo, hi, step;
    int decimals;
} axis;

/* One category: the primary point and the matching secondary one (same period), if any. */
typedef struct slot {
    const dossier_indicator *bar, *dot;
    double bar_v, dot_v;
    bool has_bar, has_dot;
} slot;

typedef struct chart_ctx {
    html_doc *d;
    const dossier_chart *c;
    size_t n;
    slot *slots;
    bool line;               /* a secondary series with at least one point to draw */
    axis left, right;
    double x0, x1, y0, y1;   /* the plot area */
    double band;             /* width of one category */
    bool rotate;             /* category labels too wide for their band */
} chart_ctx;

static double floor_d(double x)
{
    double i = (double)(long long)x;
    return i > x ? i - 1 : i;
}

static double ceil_d(double x)
{
    double i = (double)(long long)x;
    return i < x ? i + 1 : i;
}

/* Ticks at 1, 2, 2.5 or 5 × 10^k covering [lo, hi] in about `steps` steps. */
static void nice_axis(double lo, double hi, int steps, axis *a)
{
    if (!(hi > lo))
        hi = lo + 1;
    double m = (hi - lo) / steps, mag = 1;
    int e = 0;
    while (m >= 10) {
        m /= 10;
        mag *= 10;
        e++;
    }
    while (m < 1) {
        m *= 10;
        mag /= 10;
        e--;
    }
    double f = m <= 1 ? 1 : m <= 2 ? 2 : m <= 2.5 ? 2.5 : m <= 5 ? 5 : 10;
    a->step = f * mag;
    a->lo = floor_d(lo / a->step + 1e-9) * a->step;
    a->hi = ceil_d(hi / a->step - 1e-9) * a->step;
    a->decimals = e < 0 ? -e : 0;
    if (f == 2.5 && e <= 0)
        a->decimals++;
}

/* The value of `ind` in `unit` (the series' unit); false when the units do not convert. */
static bool value_in(const chart_ctx *c, const dossier_indicator *ind, const char *unit,
                     double *v)
{
    const html_doc *d = c->d;
    if (strcmp(ind->unit, unit) == 0) {
        *v = ind->value;
        return true;
    }
    const char *base_a = NULL, *base_b = NULL;
    double fa = 0, fb = 0;
    if (DOSSIER_HOST_HAS(d->host, unit_base) && d->host->unit_base(ind->unit, &base_a, &fa) &&
        d->host->unit_base(unit, &base_b, &fb) && strcmp(base_a, base_b) == 0 && fb != 0) {
        *v = ind->value * fa / fb;
        return true;
    }
    d->host->log(d->ctx, DOSSIER_LOG_WARNING,
                 "chart \"%s\": %s is in %s, which does not convert to %s; left out",
                 c->c->title, ind->id, ind->unit, unit);
    return false;
}

/* The figure without the series' unit ("约1.79万家" in 万家 → "约1.79"); "%" is kept. When the
 * indicator has another unit than the series, the whole figure. */
static void point_label(const html_doc *d, const dossier_indicator *ind, const char *unit,
                        char *buf, size_t cap)
{
    d->host->format_figure(ind, buf, cap);
    if (strcmp(ind->unit, unit) != 0 || strcmp(unit, "%") == 0)
        return;
    char *num = strstr(buf, ind->value_text);
    char *u = num ? strstr(num + strlen(ind->value_text), unit) : NULL;
    if (u)
        memmove(u, u + strlen(unit), strlen(u + strlen(unit)) + 1);
}

static double y_of(const axis *a, double v, double bottom, double top)
{
    return bottom - (v - a->lo) / (a->hi - a->lo) * (bottom - top);
}

static double y_left(const chart_ctx *c, double v)
{
    return y_of(&c->left, v, c->y1, c->y0);
}

/* The right axis maps its range onto the line's band above the bars. */
static double y_right(const chart_ctx *c, double v)
{
    double h = c->y1 - c->y0;
    return y_of(&c->right, v, c->y1 - LINE_LOW * h, c->y1 - LINE_HIGH * h);
}

static double x_mid(const chart_ctx *c, size_t i)
{
    return c->x0 + c->band * ((double)i + 0.5);
}

/* Estimated width in px of a label at `size` px: half an em per display column. */
static double text_px(const html_doc *d, const char *s, double size)
{
    return (double)d->host->text_width(s, strlen(s)) * size * 0.5;
}

static bool collect(chart_ctx *c)
{
    const dossier_series *s = c->c->series, *s2 = c->c->secondary;
    c->n = s->n_points;
    c->slots = calloc(c->n ? c->n : 1, sizeof *c->slots);
    if (!c->slots)
        return false;
    for (size_t i = 0; i < c->n; i++) {
        slot *sl = &c->slots[i];
        sl->bar = s->points[i];
        sl->has_bar = value_in(c, sl->bar, s->unit, &sl->bar_v);
        for (size_t k = 0; s2 && k < s2->n_points; k++)
            if (strcmp(s2->points[k]->period, sl->bar->period) == 0) {
                sl->dot = s2->points[k];
                sl->has_dot = value_in(c, sl->dot, s2->unit, &sl->dot_v);
                c->line |= sl->has_dot;
                break;
            }
    }
    return true;
}

static void layout(chart_ctx *c)
{
    double lo = 0, hi = 0, lo2 = 0, hi2 = 0;
    bool first2 = true;
    for (size_t i = 0; i < c->n; i++) {
        const slot *sl = &c->slots[i];
        if (sl->has_bar) {
            lo = sl->bar_v < lo ? sl->bar_v : lo;
            hi = sl->bar_v > hi ? sl->bar_v : hi;
        }
        if (sl->has_dot) {
            lo2 = first2 || sl->dot_v < lo2 ? sl->dot_v : lo2;
            hi2 = first2 || sl->dot_v > hi2 ? sl->dot_v : hi2;
            first2 = false;
        }
    }
    /* Headroom for the value labels, or room for the line above the bars. */
    nice_axis(lo, c->line ? hi / BAR_TOP : hi * 1.12, 5, &c->left);
    if (c->line)
        nice_axis(lo2 < 0 ? lo2 : 0, hi2, 3, &c->right);
    c->x0 = 72;
    c->x1 = CHART_W - (c->line ? 64 : 28);
    c->y0 = 64;
    c->band = (c->x1 - c->x0) / (double)(c->n ? c->n : 1);
    double widest = 0;
    for (size_t i = 0; i < c->n; i++) {
        char per[256];
        c->d->host->format_period(c->slots[i].bar, per, sizeof per);
        double w = text_px(c->d, per, FONT);
        widest = w > widest ? w : widest;
    }
    c->rotate = widest > c->band - 8;
    c->y1 = CHART_H - (c->rotate ? 28 + widest * 0.5 : 40);
}

static void text_at(chart_ctx *c, double x, double y, const char *anchor, const char *cls,
                    const char *text)
{
    dossier_out *o = &c->d->o;
    dossier_out_puts(o, "<text x=\"");
    ho_num(o, x, 1);
    dossier_out_puts(o, "\" y=\"");
    ho_num(o, y, 1);
    dossier_out_printf(o, "\" text-anchor=\"%s\"%s%s%s>", anchor, cls ? " class=\"" : "",
              cls ? cls : "", cls ? "\"" : "");
    ho_text(o, text);
    dossier_out_puts(o, "</text>\n");
}

static void line_el(dossier_out *o, const char *cls, double xa, double ya, double xb, double yb)
{
    dossier_out_printf(o, "<line class=\"%s\" x1=\"", cls);
    ho_num(o, xa, 1);
    dossier_out_puts(o, "\" y1=\"");
    ho_num(o, ya, 1);
    dossier_out_puts(o, "\" x2=\"");
    ho_num(o, xb, 1);
    dossier_out_puts(o, "\" y2=\"");
    ho_num(o, yb, 1);
    dossier_out_puts(o, "\"/>\n");
}

static void tick_label(chart_ctx *c, const axis *a, double v, double x, double y,
                       const char *anchor, const char *cls)
{
    char buf[64];
    fmt_num(buf, sizeof buf, v, a->decimals);
    text_at(c, x, y, anchor, cls, buf);
}

static void axes(chart_ctx *c)
{
    dossier_out *o = &c->d->o;
    const axis *l = &c->left;
    for (double v = l->lo; v <= l->hi + l->step * 1e-6; v += l->step) {
        double y = y_left(c, v);
        line_el(o, "chart-grid", c->x0, y, c->x1, y);
        tick_label(c, l, v, c->x0 - 8, y + 4.5, "end", NULL);
    }
    text_at(c, c->x0 - 8, c->y0 - 14, "end", NULL, c->c->series->unit);
    line_el(o, "chart-axis", c->x0, c->y0, c->x0, c->y1);
    line_el(o, "chart-axis", c->x0, y_left(c, 0), c->x1, y_left(c, 0));
    if (!c->line)
        return;
    const axis *r = &c->right;
    line_el(o, "chart-axis chart-line-axis", c->x1, y_right(c, r->lo), c->x1,
            y_right(c, r->hi));
    for (double v = r->lo; v <= r->hi + r->step * 1e-6; v += r->step) {
        double y = y_right(c, v);
        line_el(o, "chart-axis chart-line-axis", c->x1, y, c->x1 + 4, y);
        tick_label(c, r, v, c->x1 + 8, y + 4.5, "start", "chart-line-label");
    }
    text_at(c, c->x1 + 8, y_right(c, r->hi) - 14, "start", "chart-line-label",
            c->c->secondary->unit);
}

static void bars(chart_ctx *c)
{
    dossier_out *o = &c->d->o;
    double width = c->band * 0.5 > 72 ? 72 : c->band * 0.5;
    double zero = y_left(c, 0);
    for (size_t i = 0; i < c->n; i++) {
        const slot *sl = &c->slots[i];
        double x = x_mid(c, i);
        char label[256];
        c->d->host->format_period(sl->bar, label, sizeof label);
        if (c->rotate) {
            dossier_out_puts(o, "<g transform=\"translate(");
            ho_num(o, x, 1);
            dossier_out_puts(o, " ");
            ho_num(o, c->y1 + 16, 1);
            dossier_out_puts(o, ") rotate(-35)\">");
            text_at(c, 0, 0, "end", NULL, label);
            dossier_out_puts(o, "</g>\n");
        } else {
            text_at(c, x, c->y1 + 22, "middle", NULL, label);
        }
        if (!sl->has_bar)
            continue;
        double y = y_left(c, sl->bar_v);
        double top = y < zero ? y : zero, h = y < zero ? zero - y : y - zero;
        dossier_out_puts(o, "<rect class=\"chart-bar\" data-indicator=\"");
        ho_text(o, sl->bar->id);
        dossier_out_puts(o, "\" data-period=\"");
        ho_text(o, sl->bar->period);
        dossier_out_puts(o, "\" x=\"");
        ho_num(o, x - width / 2, 1);
        dossier_out_puts(o, "\" y=\"");
        ho_num(o, top, 1);
        dossier_out_puts(o, "\" width=\"");
        ho_num(o, width, 1);
        dossier_out_puts(o, "\" height=\"");
        ho_num(o, h, 1);
        dossier_out_puts(o, "\"/>\n");
        point_label(c->d, sl->bar, c->c->series->unit, label, sizeof label);
        text_at(c, x, sl->bar_v < 0 ? y + 17 : y - 7, "middle", NULL, label);
    }
}

static void line(chart_ctx *c)
{
    dossier_out *o = &c->d->o;
    bool pen = false;
    dossier_out_puts(o, "<path class=\"chart-line\" d=\"");
    for (size_t i = 0; i < c->n; i++) {
        if (!c->slots[i].has_dot) {
            pen = false;
            continue;
        }
        dossier_out_puts(o, pen ? " L" : (i ? " M" : "M"));
        ho_num(o, x_mid(c, i), 1);
        dossier_out_puts(o, " ");
        ho_num(o, y_right(c, c->slots[i].dot_v), 1);
        pen = true;
    }
    dossier_out_puts(o, "\"/>\n");
    for (size_t i = 0; i < c->n; i++) {
        const slot *sl = &c->slots[i];
        if (!sl->has_dot)
            continue;
        double x = x_mid(c, i), y = y_right(c, sl->dot_v);
        dossier_out_puts(o, "<circle class=\"chart-dot\" cx=\"");
        ho_num(o, x, 1);
        dossier_out_puts(o, "\" cy=\"");
        ho_num(o, y, 1);
        dossier_out_puts(o, "\" r=\"4\"/>\n");
        char label[256];
        point_label(c->d, sl->dot, c->c->secondary->unit, label, sizeof label);
        text_at(c, x, y - 10, "middle", "chart-line-label", label);
    }
}

/* The legend above the plot: a swatch and the name of each series. */
static void legend(chart_ctx *c)
{
    dossier_out *o = &c->d->o;
    double x = c->x0;
    dossier_out_puts(o, "<rect class=\"chart-bar\" x=\"");
    ho_num(o, x, 1);
    dossier_out_puts(o, "\" y=\"14\" width=\"14\" height=\"10\"/>\n");
    text_at(c, x + 20, 23.5, "start", NULL, c->c->series->name);
    if (!c->line)
        return;
    x += 20 + text_px(c->d, c->c->series->name, FONT) + 28;
    line_el(o, "chart-line", x, 19, x + 22, 19);
    dossier_out_puts(o, "<circle class=\"chart-dot\" cx=\"");
    ho_num(o, x + 11, 1);
    dossier_out_puts(o, "\" cy=\"19\" r=\"3.5\"/>\n");
    text_at(c, x + 28, 23.5, "start", NULL, c->c->secondary->name);
}

dossier_status html_chart(html_doc *d, const dossier_chart *chart, size_t number)
{
    chart_ctx c = {.d = d, .c = chart};
    if (!chart->series || chart->series->n_points == 0)
        return DOSSIER_OK;
    if (!collect(&c)) {
        d->host->set_error(d->ctx, "out of memory drawing chart \"%s\"", chart->title);
        return DOSSIER_ERR_NO_MEMORY;
    }
    layout(&c);
    dossier_out *o = &d->o;
    dossier_out_puts(o, "<figure class=\"chart\">\n");
    dossier_out_printf(o, "<svg viewBox=\"0 0 %d %d\" role=\"img\" aria-labelledby=\"chart-%zu-title\" "
              "class=\"chart-text\" font-size=\"%d\">\n", (int)CHART_W, (int)CHART_H, number,
              (int)FONT);
    dossier_out_printf(o, "<title id=\"chart-%zu-title\">", number);
    ho_text(o, chart->title);
    dossier_out_puts(o, "</title>\n");
    legend(&c);
    axes(&c);
    bars(&c);
    if (c.line)
        line(&c);
    dossier_out_puts(o, "</svg>\n");
    dossier_out_printf(o, "<figcaption>图%zu\xE3\x80\x80", number);
    ho_text(o, chart->title);
    dossier_out_puts(o, "</figcaption>\n</figure>\n");
    free(c.slots);
    return DOSSIER_OK;
}

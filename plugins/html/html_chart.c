/* html_chart.c — a figure of the brief as inline SVG, drawn from its points as the tree gives
 * them (paired by period, converted to the series' units): the primary values as bars with
 * their labels on a left axis starting at zero, the secondary values (a rate, say) as a line
 * with its own right axis in a band above the bars, so that the two never cover each other.
 * A point whose period is unlike the others is drawn apart — a hatched, outlined bar (class
 * "unlike") with its note's marker by the category — and the line never joins through it.
 * Each bar carries its indicator's id and period (data-indicator, data-period) so that
 * readers and tests can tell bars from the legend's swatch. Under the chart: the caption and
 * the figure's notes. No libm: the plugin links nothing but libc. */
#include "html.h"

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

typedef struct chart_ctx {
    html_doc *d;
    const dossier_brief_node *node;
    const dossier_brief_figure *f;
    size_t n;
    bool line;             /* a secondary series with at least one point to draw */
    axis left, right;
    double x0, x1, y0, y1; /* the plot area */
    double band;           /* width of one category */
    bool rotate;           /* category labels too wide for their band */
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

/* The category as drawn: the period, then the marker of the note of an unlike period. */
static void category_text(const dossier_brief_point *p, char *buf, size_t cap)
{
    snprintf(buf, cap, "%s%s", p->category,
             p->unlike && p->unlike_note && p->unlike_note->marker ? p->unlike_note->marker : "");
}

static void layout(chart_ctx *c)
{
    double lo = 0, hi = 0, lo2 = 0, hi2 = 0;
    bool first2 = true;
    for (size_t i = 0; i < c->n; i++) {
        const dossier_brief_point *p = c->f->points[i];
        if (p->has_value) {
            lo = p->value < lo ? p->value : lo;
            hi = p->value > hi ? p->value : hi;
        }
        if (p->has_value2 && c->f->legend2) {
            lo2 = first2 || p->value2 < lo2 ? p->value2 : lo2;
            hi2 = first2 || p->value2 > hi2 ? p->value2 : hi2;
            first2 = false;
            c->line = true;
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
        char cat[512];
        category_text(c->f->points[i], cat, sizeof cat);
        double w = text_px(c->d, cat, FONT);
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
    dossier_out_xml(o, text);
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
    if (c->f->legend) /* with one series the unit label stands above the plot instead */
        text_at(c, c->x0 - 8, c->y0 - 14, "end", NULL, c->f->unit);
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
    if (c->f->unit2)
        text_at(c, c->x1 + 8, y_right(c, r->hi) - 14, "start", "chart-line-label",
                c->f->unit2);
}

/* A value label with the marker of its note: "7926.0①". */
static void value_label(chart_ctx *c, double x, double y, const char *cls, const char *label,
                        const dossier_brief_note *note)
{
    char buf[512];
    snprintf(buf, sizeof buf, "%s%s", label ? label : "", note && note->marker ? note->marker : "");
    text_at(c, x, y, "middle", cls, buf);
}

static void bar(chart_ctx *c, size_t i, double width)
{
    dossier_out *o = &c->d->o;
    const dossier_brief_point *p = c->f->points[i];
    double x = x_mid(c, i), zero = y_left(c, 0), y = y_left(c, p->value);
    double top = y < zero ? y : zero, h = y < zero ? zero - y : y - zero;
    dossier_out_printf(o, "<rect class=\"chart-bar%s\"", p->unlike ? " unlike" : "");
    if (p->unlike)
        dossier_out_printf(o, " fill=\"url(#%s-hatch)\"", c->node->id);
    dossier_out_puts(o, " data-indicator=\"");
    dossier_out_xml(o, p->primary->id);
    dossier_out_puts(o, "\" data-period=\"");
    dossier_out_xml(o, p->primary->period);
    dossier_out_puts(o, "\" x=\"");
    ho_num(o, x - width / 2, 1);
    dossier_out_puts(o, "\" y=\"");
    ho_num(o, top, 1);
    dossier_out_puts(o, "\" width=\"");
    ho_num(o, width, 1);
    dossier_out_puts(o, "\" height=\"");
    ho_num(o, h, 1);
    dossier_out_puts(o, "\"/>\n");
    value_label(c, x, p->value < 0 ? y + 17 : y - 7, NULL, p->label, p->note);
}

static void bars(chart_ctx *c)
{
    dossier_out *o = &c->d->o;
    double width = c->band * 0.5 > 72 ? 72 : c->band * 0.5;
    for (size_t i = 0; i < c->n; i++) {
        const dossier_brief_point *p = c->f->points[i];
        double x = x_mid(c, i);
        char cat[512];
        category_text(p, cat, sizeof cat);
        const char *cls = p->unlike ? "chart-unlike-label" : NULL;
        if (c->rotate) {
            dossier_out_puts(o, "<g transform=\"translate(");
            ho_num(o, x, 1);
            dossier_out_puts(o, " ");
            ho_num(o, c->y1 + 16, 1);
            dossier_out_puts(o, ") rotate(-35)\">");
            text_at(c, 0, 0, "end", cls, cat);
            dossier_out_puts(o, "</g>\n");
        } else {
            text_at(c, x, c->y1 + 22, "middle", cls, cat);
        }
        if (p->has_value && p->primary)
            bar(c, i, width);
    }
}

/* The secondary line, in runs of neighbouring points; an unlike point is never joined. */
static void line(chart_ctx *c)
{
    dossier_out *o = &c->d->o;
    bool pen = false, any = false;
    dossier_out_puts(o, "<path class=\"chart-line\" d=\"");
    for (size_t i = 0; i < c->n; i++) {
        const dossier_brief_point *p = c->f->points[i];
        if (!p->has_value2 || p->unlike) {
            pen = false;
            continue;
        }
        dossier_out_puts(o, pen ? " L" : (any ? " M" : "M"));
        ho_num(o, x_mid(c, i), 1);
        dossier_out_puts(o, " ");
        ho_num(o, y_right(c, p->value2), 1);
        pen = any = true;
    }
    dossier_out_puts(o, "\"/>\n");
    for (size_t i = 0; i < c->n; i++) {
        const dossier_brief_point *p = c->f->points[i];
        if (!p->has_value2)
            continue;
        double x = x_mid(c, i), y = y_right(c, p->value2);
        dossier_out_printf(o, "<circle class=\"chart-dot%s\" cx=\"", p->unlike ? " unlike" : "");
        ho_num(o, x, 1);
        dossier_out_puts(o, "\" cy=\"");
        ho_num(o, y, 1);
        dossier_out_puts(o, "\" r=\"4\"/>\n");
        value_label(c, x, y - 10, "chart-line-label", p->label2, p->note2);
    }
}

/* Above the plot: a swatch and the legend of each series, or the unit of a single one. */
static void legend(chart_ctx *c)
{
    dossier_out *o = &c->d->o;
    double x = c->x0;
    if (!c->f->legend) {
        text_at(c, x, 23.5, "start", NULL, c->f->unit_label ? c->f->unit_label : "");
        return;
    }
    dossier_out_puts(o, "<rect class=\"chart-bar\" x=\"");
    ho_num(o, x, 1);
    dossier_out_puts(o, "\" y=\"14\" width=\"14\" height=\"10\"/>\n");
    text_at(c, x + 20, 23.5, "start", NULL, c->f->legend);
    if (!c->line)
        return;
    x += 20 + text_px(c->d, c->f->legend, FONT) + 28;
    line_el(o, "chart-line", x, 19, x + 22, 19);
    dossier_out_puts(o, "<circle class=\"chart-dot\" cx=\"");
    ho_num(o, x + 11, 1);
    dossier_out_puts(o, "\" cy=\"19\" r=\"3.5\"/>\n");
    text_at(c, x + 28, 23.5, "start", NULL, c->f->legend2);
}

/* The pattern of unlike bars: the bar's colour in diagonal hatching. */
static void defs(chart_ctx *c)
{
    dossier_out *o = &c->d->o;
    dossier_out_puts(o, "<defs><pattern id=\"");
    dossier_out_xml(o, c->node->id);
    dossier_out_puts(o, "-hatch\" patternUnits=\"userSpaceOnUse\" width=\"6\" height=\"6\" "
                        "patternTransform=\"rotate(45)\"><rect class=\"chart-hatch-ground\" "
                        "width=\"6\" height=\"6\"/><line class=\"chart-hatch\" x1=\"0\" y1=\"0\" "
                        "x2=\"0\" y2=\"6\"/></pattern></defs>\n");
}

dossier_status html_figure(html_doc *d, const dossier_brief_node *n)
{
    const dossier_brief_figure *f = n->figure;
    chart_ctx c = {.d = d, .node = n, .f = f, .n = f->n_points};
    if (!n->id) {
        d->host->set_error(d->ctx, "figure %d has no id", f->number);
        return DOSSIER_ERR_DATA;
    }
    layout(&c);
    dossier_out *o = &d->o;
    dossier_out_puts(o, "<figure class=\"chart\" id=\"");
    dossier_out_xml(o, n->id);
    dossier_out_printf(o, "\">\n<svg viewBox=\"0 0 %d %d\" role=\"img\" aria-labelledby=\"",
                       (int)CHART_W, (int)CHART_H);
    dossier_out_xml(o, n->id);
    dossier_out_printf(o, "-title\" class=\"chart-text\" font-size=\"%d\">\n<title id=\"", (int)FONT);
    dossier_out_xml(o, n->id);
    dossier_out_puts(o, "-title\">");
    dossier_out_xml(o, f->title);
    dossier_out_puts(o, "</title>\n");
    defs(&c);
    legend(&c);
    axes(&c);
    bars(&c);
    if (c.line)
        line(&c);
    dossier_out_puts(o, "</svg>\n<figcaption>");
    dossier_out_xml(o, f->caption);
    dossier_out_puts(o, "</figcaption>\n");
    html_notes(d, n->id, f->notes_label, f->notes, f->n_notes);
    dossier_out_puts(o, "</figure>\n");
    return DOSSIER_OK;
}

/* html_style.c — the page's stylesheet, inline so the file stands alone: an official brief in
 * the manner of GB/T 9704 documents (red masthead and rule, 黑体 first-level and 楷体 second-
 * level headings, 宋体 body with a two-character first-line indent), and print rules. */
#include "html.h"

#include <string.h>

/* Font stacks: macOS, Windows, then the Debian fonts (fonts-arphic-*, fonts-wqy-zenhei). */
#define SONG "\"Songti SC\", \"SimSun\", \"AR PL UMing CN\", serif"
#define HEI "\"Heiti SC\", \"SimHei\", \"Microsoft YaHei\", \"WenQuanYi Zen Hei\", sans-serif"
#define KAI "\"Kaiti SC\", \"KaiTi\", \"STKaiti\", \"AR PL UKai CN\", " SONG

static const char css_screen[] =
    ":root { --red: #b31b1b; --ink: #1a1a1a; --muted: #5a5a5a; --rule: #c8c8c8;"
    " --bar: #1f4e79; --line: #c0392b; }\n"
    "html { background: #eceae4; }\n"
    "body { margin: 0; padding: 32px 16px; color: var(--ink); font-family: " SONG ";"
    " font-size: 16px; line-height: 1.9; }\n"
    ".brief { max-width: 820px; margin: 0 auto; padding: 56px 72px 48px; background: #fff;"
    " box-shadow: 0 1px 4px rgba(0, 0, 0, 0.18); }\n"
    ".masthead { text-align: center; padding-bottom: 14px; margin-bottom: 28px;"
    " border-bottom: 3px solid var(--red); }\n"
    ".masthead .kicker { margin: 0; color: var(--red); letter-spacing: 0.5em;"
    " font-size: 15px; }\n"
    ".masthead h1 { margin: 6px 0 0; color: var(--red); font-size: 40px; line-height: 1.3;"
    " letter-spacing: 0.12em; font-weight: bold; }\n"
    ".masthead .name-en { margin: 0; color: var(--muted); font-size: 15px;"
    " letter-spacing: 0.08em; }\n"
    ".masthead .subtitle { margin: 10px 0 0; font-family: " KAI "; font-size: 20px; }\n"
    ".facts { display: flex; flex-wrap: wrap; justify-content: center; gap: 4px 28px;"
    " margin: 14px 0 0; font-size: 14px; color: var(--muted); }\n"
    ".facts div { display: flex; gap: 6px; }\n"
    ".facts dt { font-weight: bold; color: var(--ink); }\n"
    ".facts dt::after { content: \"：\"; }\n"
    ".facts dd { margin: 0; }\n"
    "h1, h2, h3 { page-break-after: avoid; break-after: avoid; }\n"
    "h2 { margin: 30px 0 12px; font-family: " HEI "; font-size: 20px; font-weight: normal;"
    " line-height: 1.5; }\n"
    "h3 { margin: 20px 0 8px; font-family: " KAI "; font-size: 18px; font-weight: bold;"
    " line-height: 1.5; }\n"
    "section.part > h2 { padding-left: 10px; border-left: 4px solid var(--red); }\n"
    "article.document { margin-top: 40px; }\n"
    "article.document > h1 { margin: 0 0 18px; text-align: center; font-size: 24px;"
    " line-height: 1.5; font-weight: bold; }\n"
    "article.document p { margin: 0 0 10px; text-indent: 2em; text-align: justify; }\n"
    "p.run-in strong { font-weight: bold; }\n"
    "table.figures { width: 100%; border-collapse: collapse; font-size: 15px;"
    " line-height: 1.6; border-top: 2px solid var(--ink); border-bottom: 2px solid var(--ink); }\n"
    "table.figures caption { caption-side: bottom; text-align: left; padding-top: 6px;"
    " font-size: 13px; color: var(--muted); }\n"
    "table.figures th, table.figures td { padding: 6px 10px; border-bottom: 1px solid var(--rule);"
    " text-align: left; vertical-align: top; }\n"
    "table.figures thead th { font-family: " HEI "; font-weight: normal;"
    " border-bottom: 1px solid var(--ink); background: #f4f1ea; }\n"
    "table.figures .num { text-align: right; white-space: nowrap;"
    " font-variant-numeric: tabular-nums; }\n"
    "table.figures tbody tr:nth-child(even) { background: #faf9f6; }\n"
    "figure.chart { margin: 18px 0 26px; page-break-inside: avoid; break-inside: avoid; }\n"
    "figure.chart svg { display: block; width: 100%; height: auto; }\n"
    "figure.chart figcaption { margin-top: 4px; text-align: center; font-family: " HEI ";"
    " font-size: 15px; }\n"
    ".chart-text { font-family: " SONG "; fill: var(--ink); }\n"
    ".chart-axis { stroke: var(--ink); stroke-width: 1; }\n"
    ".chart-grid { stroke: #dddddd; stroke-width: 1; }\n"
    ".chart-bar { fill: var(--bar); }\n"
    ".chart-line { fill: none; stroke: var(--line); stroke-width: 2.2; }\n"
    ".chart-dot { fill: #ffffff; stroke: var(--line); stroke-width: 2; }\n"
    ".chart-line-label { fill: var(--line); }\n"
    "ol.sources { margin: 0; padding-left: 2em; font-size: 14px; line-height: 1.8; }\n"
    "ol.sources a { color: inherit; }\n"
    "footer.colophon { margin-top: 36px; padding-top: 8px; border-top: 1px solid var(--rule);"
    " font-size: 13px; color: var(--muted); text-align: right; }\n"
    "@media (max-width: 640px) { .brief { padding: 28px 20px; } body { padding: 0; } }\n";

static const char css_print[] =
    "@media print {\n"
    "  html, body { background: #fff; padding: 0; }\n"
    "  body { font-size: 12pt; }\n"
    "  .brief { max-width: none; margin: 0; padding: 0; box-shadow: none; }\n"
    "  table.figures thead { display: table-header-group; }\n"
    "  table.figures tr, ol.sources li { page-break-inside: avoid; break-inside: avoid; }\n"
    "  table.figures tbody tr:nth-child(even) { background: none; }\n"
    "  a { text-decoration: none; }\n"
    "  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }\n"
    "}\n";

void html_style(dossier_out *o, const char *paper)
{
    dossier_out_puts(o, "<style>\n");
    dossier_out_puts(o, css_screen);
    dossier_out_printf(o, "@page { size: %s; margin: 25mm 22mm 22mm; }\n",
              strcmp(paper, "letter") == 0 ? "letter" : "A4");
    dossier_out_puts(o, css_print);
    dossier_out_puts(o, "</style>\n");
}

/* html_style.c — the page's stylesheet, inline so the file stands alone: an official brief in
 * the manner of GB/T 9704 documents (red 版头 with the issuer's name in large red type over a
 * red rule, 黑体 first-level and 楷体 second-level headings, 宋体 body with a two-character
 * first-line indent, 版记 between rules), the report form's red title, and print rules. */
#include "html.h"

#include <string.h>

/* Font stacks: macOS, Windows, then the Debian fonts (fonts-arphic-*, fonts-wqy-zenhei). */
#define SONG "\"Songti SC\", \"SimSun\", \"AR PL UMing CN\", serif"
#define HEI "\"Heiti SC\", \"SimHei\", \"Microsoft YaHei\", \"WenQuanYi Zen Hei\", sans-serif"
#define KAI "\"Kaiti SC\", \"KaiTi\", \"STKaiti\", \"AR PL UKai CN\", " SONG

static const char css_page[] =
    ":root { --red: #c00000; --ink: #1a1a1a; --muted: #5a5a5a; --rule: #c8c8c8;"
    " --bar: #1f4e79; --line: #c0392b; }\n"
    "html { background: #eceae4; }\n"
    "body { margin: 0; padding: 32px 16px; color: var(--ink); font-family: " SONG ";"
    " font-size: 16px; line-height: 1.9; }\n"
    ".brief { max-width: 820px; margin: 0 auto; padding: 56px 72px 48px; background: #fff;"
    " box-shadow: 0 1px 4px rgba(0, 0, 0, 0.18); }\n"
    /* 版头 / 报头 */
    ".masthead { text-align: center; margin-bottom: 28px; padding-bottom: 2px;"
    " border-bottom: 2px solid var(--red); }\n"
    ".masthead p { margin: 0; }\n"
    ".masthead .classification { text-align: left; font-family: " HEI "; font-size: 15px; }\n"
    ".masthead .masthead-name { margin: 18px 0 10px; color: var(--red); font-size: 44px;"
    " line-height: 1.3; letter-spacing: 0.08em; font-weight: bold; }\n"
    ".masthead .masthead-issue { font-size: 16px; }\n"
    ".masthead .masthead-line { display: flex; justify-content: space-between; margin-top: 14px;"
    " font-size: 15px; }\n"
    ".masthead.official .masthead-line { justify-content: center; }\n"
    ".masthead .masthead-line span:only-child { margin: 0 auto; }\n"
    /* the title block and facts */
    "header.title { text-align: center; margin-bottom: 14px; }\n"
    "header.title h1 { margin: 6px 0 0; font-size: 26px; line-height: 1.4; font-weight: bold; }\n"
    ".report header.title { padding-bottom: 14px; border-bottom: 3px solid var(--red); }\n"
    ".report header.title h1 { color: var(--red); font-size: 40px; letter-spacing: 0.12em; }\n"
    "header.title .name-en { margin: 0; color: var(--muted); font-size: 15px;"
    " letter-spacing: 0.08em; }\n"
    "header.title .subtitle { margin: 8px 0 0; font-family: " KAI "; font-size: 20px; }\n"
    "header.title .dateline { margin: 4px 0 0; font-size: 14px; color: var(--muted); }\n"
    ".facts { display: flex; flex-wrap: wrap; justify-content: center; gap: 4px 28px;"
    " margin: 0 0 8px; font-size: 14px; color: var(--muted); }\n"
    ".facts div { display: flex; gap: 6px; }\n"
    ".facts dt { font-weight: bold; color: var(--ink); }\n"
    ".facts dt::after { content: \"：\"; }\n"
    ".facts dd { margin: 0; }\n"
    /* headings and text */
    "h2, h3, h4, h5, h6 { page-break-after: avoid; break-after: avoid; line-height: 1.5; }\n"
    "h2 { margin: 30px 0 12px; font-family: " HEI "; font-size: 20px; font-weight: normal; }\n"
    "h3 { margin: 24px 0 10px; font-family: " HEI "; font-size: 18px; font-weight: normal; }\n"
    "h4 { margin: 20px 0 8px; font-family: " KAI "; font-size: 17px; font-weight: bold; }\n"
    "h5, h6 { margin: 16px 0 6px; font-size: 16px; font-weight: bold; }\n"
    "section.part > h2 { padding-left: 10px; border-left: 4px solid var(--red); }\n"
    ".brief > section.document { margin-top: 40px; }\n"
    ".brief > section.document > h2 { margin: 0 0 18px; text-align: center; font-family: " SONG ";"
    " font-size: 24px; font-weight: bold; }\n"
    "section.document p { margin: 0 0 10px; text-indent: 2em; text-align: justify; }\n"
    "p.run-in strong { font-family: " HEI "; font-weight: normal; }\n"
    /* tables and notes */
    "table.figures { width: 100%; border-collapse: collapse; font-size: 15px;"
    " line-height: 1.6; border-top: 2px solid var(--ink); border-bottom: 2px solid var(--ink); }\n"
    "table.figures caption { margin-bottom: 6px; font-family: " HEI "; }\n"
    "table.figures th, table.figures td { padding: 6px 10px; border-bottom: 1px solid var(--rule);"
    " text-align: left; vertical-align: top; font-weight: normal; }\n"
    "table.figures thead th { font-family: " HEI "; border-bottom: 1px solid var(--ink);"
    " background: #f4f1ea; }\n"
    "table.figures .num { text-align: right; font-variant-numeric: tabular-nums; }\n"
    "table.figures .mid { text-align: center; }\n"
    "table.figures .nowrap { white-space: nowrap; }\n"
    "table.figures tbody tr:nth-child(even) { background: #faf9f6; }\n"
    "sup.note-ref { font-size: 0.75em; line-height: 0; }\n"
    "sup.note-ref a { color: var(--red); text-decoration: none; }\n"
    ".notes { display: flex; margin: 6px 0 0; font-size: 13px; line-height: 1.7;"
    " color: var(--muted); }\n"
    ".notes .notes-label { flex: none; }\n"
    ".notes p, .notes ol { margin: 0; padding: 0; list-style: none; text-indent: 0; }\n"
    ".notes li:target { background: #fff3c4; }\n"
    /* charts */
    "figure.chart { margin: 18px 0 26px; page-break-inside: avoid; break-inside: avoid; }\n"
    "figure.chart svg { display: block; width: 100%; height: auto; }\n"
    "figure.chart figcaption { margin-top: 4px; text-align: center; font-family: " HEI ";"
    " font-size: 15px; }\n"
    ".chart-text { font-family: " SONG "; fill: var(--ink); }\n"
    ".chart-axis { stroke: var(--ink); stroke-width: 1; }\n"
    ".chart-grid { stroke: #dddddd; stroke-width: 1; }\n"
    ".chart-bar:not(.unlike) { fill: var(--bar); }\n"
    ".chart-bar.unlike { stroke: var(--bar); stroke-width: 1.5; stroke-dasharray: 4 2; }\n"
    ".chart-hatch-ground { fill: #ffffff; }\n"
    ".chart-hatch { stroke: var(--bar); stroke-width: 2.5; }\n"
    ".chart-unlike-label { font-style: italic; }\n"
    ".chart-line { fill: none; stroke: var(--line); stroke-width: 2.2; }\n"
    ".chart-dot { fill: #ffffff; stroke: var(--line); stroke-width: 2; }\n"
    ".chart-dot.unlike { stroke-dasharray: 2 2; }\n"
    ".chart-line-label { fill: var(--line); }\n"
    /* sources */
    "ol.sources { margin: 0; padding: 0; list-style: none; font-size: 14px; line-height: 1.8; }\n"
    "ol.sources li { margin-bottom: 6px; padding-left: 2.6em; text-indent: -2.6em; }\n"
    "ol.sources .marker { display: inline-block; min-width: 2.3em; text-indent: 0; }\n"
    "ol.sources .cited { color: var(--muted); font-size: 13px; }\n"
    "ol.sources a { color: inherit; }\n"
    /* 版记 / 报尾 */
    "footer.colophon { margin-top: 48px; font-size: 15px; border-top: 1px solid var(--ink);"
    " border-bottom: 1px solid var(--ink); }\n"
    "footer.colophon p { margin: 0; padding: 4px 1em; border-bottom: 1px solid var(--ink); }\n"
    "footer.colophon p:last-child { border-bottom: none; }\n"
    "footer.colophon .label { font-family: " HEI "; }\n"
    "footer.colophon .colophon-last { display: flex; justify-content: space-between; }\n"
    "footer.colophon .colophon-last .right { margin-left: auto; }\n"
    "footer.colophon.bulletin { border-top: 2px solid var(--red); border-bottom: 2px solid"
    " var(--red); }\n"
    "@media (max-width: 640px) { .brief { padding: 28px 20px; } body { padding: 0; } }\n";

static const char css_print[] =
    "@media print {\n"
    "  html, body { background: #fff; padding: 0; }\n"
    "  body { font-size: 12pt; }\n"
    "  .brief { max-width: none; margin: 0; padding: 0; box-shadow: none; }\n"
    "  table.figures thead { display: table-header-group; }\n"
    "  table.figures tr, ol.sources li { page-break-inside: avoid; break-inside: avoid; }\n"
    "  table.figures tbody tr:nth-child(even) { background: none; }\n"
    "  footer.colophon { page-break-inside: avoid; break-inside: avoid; }\n"
    "  a { text-decoration: none; }\n"
    "  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }\n"
    "}\n";

void html_style(dossier_out *o, const char *paper)
{
    dossier_out_puts(o, "<style>\n");
    dossier_out_puts(o, css_page);
    dossier_out_printf(o, "@page { size: %s; margin: 25mm 22mm 22mm; }\n",
                       strcmp(paper, "letter") == 0 ? "letter" : "A4");
    dossier_out_puts(o, css_print);
    dossier_out_puts(o, "</style>\n");
}

/* docx_styles.c — word/styles.xml and word/fontTable.xml. Every style names its Latin font
 * and its East Asian font separately (w:rFonts ascii/hAnsi and eastAsia) and no theme font,
 * so Word and WPS substitute nothing; the language is zh-CN. The faces follow GB/T 9704-2012:
 * body 仿宋 16 pt, the title and level-1 headings 小标宋 22 pt, level-2 headings (一、) 黑体,
 * level-3 headings ((一)) 楷体; tables, notes and footnotes are smaller and off the document
 * grid. fontTable.xml gives each East Asian face the name offices fall back to (w:altName:
 * 仿宋_GB2312 → 仿宋). */
#include "docx.h"

typedef enum face { BODY, HEI, KAI, TITLE } face;

static const docx_font *font_of(const docx_doc *d, face f)
{
    return f == HEI ? &d->fonts.hei : f == KAI ? &d->fonts.kai : f == TITLE ? &d->fonts.title
                                                                             : &d->fonts.body;
}

static void rfonts(const docx_doc *d, dossier_buf *b, face f)
{
    dossier_buf_puts(b, "<w:rFonts");
    dx_attr(b, "w:ascii", d->fonts.latin);
    dx_attr(b, "w:hAnsi", d->fonts.latin);
    dx_attr(b, "w:eastAsia", font_of(d, f)->name);
    dx_attr(b, "w:cs", d->fonts.latin);
    dossier_buf_puts(b, "/>");
}

typedef struct style_def {
    const char *type, *id, *name, *based, *next;
    face font;
    int size;         /* half-points; 0: inherited */
    const char *ppr;  /* raw pPr children, in schema order */
    const char *rpr;  /* raw rPr children after rFonts (b, color …), in schema order */
} style_def;

#define OFF_GRID "<w:snapToGrid w:val=\"0\"/>"
#define INDENT2 "<w:ind w:firstLineChars=\"200\" w:firstLine=\"640\"/>"
#define NO_INDENT "<w:ind w:firstLineChars=\"0\" w:firstLine=\"0\"/>"
#define HEAD "<w:keepNext/><w:keepLines/>"

static const style_def styles[] = {
    {"paragraph", "Normal", "Normal", NULL, NULL, BODY, 0, "<w:widowControl/><w:jc w:val=\"both\"/>", NULL},
    {"paragraph", "BodyText", "Body Text", "Normal", NULL, BODY, 0, INDENT2, NULL},
    {"paragraph", "Heading1", "heading 1", "Normal", "BodyText", TITLE, 44,
     HEAD OFF_GRID "<w:jc w:val=\"center\"/><w:outlineLvl w:val=\"0\"/>", NULL},
    {"paragraph", "Heading2", "heading 2", "Normal", "BodyText", HEI, 32,
     HEAD INDENT2 "<w:outlineLvl w:val=\"1\"/>", NULL},
    {"paragraph", "Heading3", "heading 3", "Normal", "BodyText", KAI, 32,
     HEAD INDENT2 "<w:outlineLvl w:val=\"2\"/>", NULL},
    {"paragraph", "Title", "Title", "Normal", "Subtitle", TITLE, 44,
     HEAD OFF_GRID "<w:jc w:val=\"center\"/>", NULL},
    {"paragraph", "Subtitle", "Subtitle", "Normal", "BodyText", KAI, 32,
     HEAD "<w:jc w:val=\"center\"/>", NULL},
    {"paragraph", "Dateline", "Dateline", "Normal", "BodyText", KAI, 32,
     HEAD "<w:jc w:val=\"center\"/>", NULL},
    {"paragraph", "Caption", "caption", "Normal", "BodyText", HEI, 28,
     OFF_GRID "<w:spacing w:before=\"60\" w:after=\"120\"/><w:jc w:val=\"center\"/>", NULL},
    {"paragraph", "TableText", "Table Text", "Normal", NULL, BODY, 24,
     OFF_GRID "<w:spacing w:before=\"40\" w:after=\"40\" w:line=\"240\" w:lineRule=\"auto\"/>"
     "<w:jc w:val=\"left\"/>", NULL},
    {"paragraph", "TableHeading", "Table Heading", "TableText", NULL, HEI, 24,
     "<w:keepNext/><w:jc w:val=\"center\"/>", NULL},
    {"paragraph", "NoteText", "Note Text", "Normal", NULL, BODY, 24,
     OFF_GRID "<w:spacing w:before=\"60\" w:after=\"60\" w:line=\"240\" w:lineRule=\"auto\"/>",
     NULL},
    {"paragraph", "FootnoteText", "footnote text", "Normal", NULL, BODY, 24,
     OFF_GRID "<w:spacing w:line=\"240\" w:lineRule=\"auto\"/><w:jc w:val=\"left\"/>", NULL},
    {"character", "FootnoteReference", "footnote reference", NULL, NULL, BODY, 0, NULL,
     "<w:vertAlign w:val=\"superscript\"/>"},
    {"character", "Hyperlink", "Hyperlink", NULL, NULL, BODY, 0, NULL,
     "<w:color w:val=\"0563C1\"/><w:u w:val=\"single\"/>"},
    {"paragraph", "Source", "Source", "BodyText", NULL, BODY, 0, NULL, NULL},
    {"paragraph", "Cited", "Cited", "BodyText", NULL, KAI, 28, NULL, NULL},
    {"paragraph", "ChartUnit", "Chart Unit", "Normal", NULL, BODY, 24,
     OFF_GRID "<w:spacing w:before=\"120\"/><w:jc w:val=\"left\"/>", NULL},
    {"paragraph", "ChartFrame", "Chart", "Normal", NULL, BODY, 0,
     OFF_GRID "<w:spacing w:before=\"120\" w:line=\"240\" w:lineRule=\"auto\"/>"
     "<w:jc w:val=\"center\"/>", NULL},
    {"paragraph", "MastheadName", "Masthead Name", "Normal", NULL, TITLE, 70,
     OFF_GRID "<w:spacing w:line=\"240\" w:lineRule=\"auto\"/><w:jc w:val=\"center\"/>",
     "<w:color w:val=\"" DOCX_RED "\"/>"},
    {"paragraph", "MastheadLine", "Masthead Line", "Normal", NULL, BODY, 32,
     "<w:jc w:val=\"center\"/>", NULL},
    {"paragraph", "ColophonLine", "Colophon Line", "Normal", NULL, BODY, 28,
     OFF_GRID "<w:spacing w:before=\"60\" w:after=\"60\"/>"
     "<w:ind w:left=\"280\" w:right=\"280\"/><w:jc w:val=\"left\"/>", NULL},
    {"paragraph", "Footer", "footer", "Normal", NULL, BODY, 28, OFF_GRID, NULL},
};

static void style(const docx_doc *d, dossier_buf *b, const style_def *s)
{
    dossier_buf_printf(b, "<w:style w:type=\"%s\"%s w:styleId=\"%s\"><w:name w:val=\"%s\"/>",
                       s->type, strcmp(s->id, "Normal") == 0 ? " w:default=\"1\"" : "", s->id,
                       s->name);
    if (s->based)
        dossier_buf_printf(b, "<w:basedOn w:val=\"%s\"/>", s->based);
    if (s->next)
        dossier_buf_printf(b, "<w:next w:val=\"%s\"/>", s->next);
    dossier_buf_puts(b, "<w:qFormat/>");
    if (s->ppr)
        dossier_buf_printf(b, "<w:pPr>%s</w:pPr>", s->ppr);
    dossier_buf_puts(b, "<w:rPr>");
    if (strcmp(s->type, "paragraph") == 0)
        rfonts(d, b, s->font);
    int size = s->size;
    if (strcmp(s->id, "Normal") == 0) {
        /* On the character grid a 16 pt character is a little wider than its 15.8 pt cell
         * (156 mm / 28): Word compresses it, LibreOffice gives it two cells (14 characters a
         * line). Condensed by 0.25 pt it fits one cell in both. The size is stated here too:
         * LibreOffice sizes the grid's cells from the Normal style's East Asian size. */
        if (d->grid)
            dossier_buf_puts(b, "<w:spacing w:val=\"-5\"/>");
        size = d->body_size;
    }
    if (s->rpr)
        dossier_buf_puts(b, s->rpr);
    if (size)
        dossier_buf_printf(b, "<w:sz w:val=\"%d\"/><w:szCs w:val=\"%d\"/>", size, size);
    dossier_buf_puts(b, "</w:rPr></w:style>");
}

void docx_styles_xml(const docx_doc *d, dossier_buf *b)
{
    dossier_buf_puts(b, "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
                        "<w:styles xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/"
                        "2006/main\"><w:docDefaults><w:rPrDefault><w:rPr>");
    rfonts(d, b, BODY);
    dossier_buf_printf(b, "<w:kern w:val=\"2\"/><w:sz w:val=\"%d\"/><w:szCs w:val=\"%d\"/>"
                          "<w:lang w:val=\"zh-CN\" w:eastAsia=\"zh-CN\" w:bidi=\"ar-SA\"/>"
                          "</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr>"
                          "<w:spacing w:after=\"0\"/></w:pPr></w:pPrDefault></w:docDefaults>",
                       d->body_size, d->body_size);
    for (size_t i = 0; i < sizeof styles / sizeof styles[0]; i++)
        style(d, b, &styles[i]);
    dossier_buf_puts(b, "<w:style w:type=\"table\" w:default=\"1\" w:styleId=\"TableNormal\">"
                        "<w:name w:val=\"Normal Table\"/><w:tblPr><w:tblInd w:w=\"0\""
                        " w:type=\"dxa\"/><w:tblCellMar><w:top w:w=\"0\" w:type=\"dxa\"/>"
                        "<w:left w:w=\"108\" w:type=\"dxa\"/><w:bottom w:w=\"0\" w:type=\"dxa\"/>"
                        "<w:right w:w=\"108\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr></w:style>"
                        "<w:style w:type=\"table\" w:styleId=\"FiguresTable\">"
                        "<w:name w:val=\"Figures Table\"/><w:basedOn w:val=\"TableNormal\"/>"
                        "<w:qFormat/><w:tblPr><w:tblBorders>"
                        "<w:top w:val=\"single\" w:sz=\"12\" w:space=\"0\" w:color=\"000000\"/>"
                        "<w:left w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>"
                        "<w:bottom w:val=\"single\" w:sz=\"12\" w:space=\"0\" w:color=\"000000\"/>"
                        "<w:right w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>"
                        "<w:insideH w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>"
                        "<w:insideV w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>"
                        "</w:tblBorders><w:tblCellMar><w:left w:w=\"80\" w:type=\"dxa\"/>"
                        "<w:right w:w=\"80\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr>"
                        "<w:tblStylePr w:type=\"firstRow\"><w:tcPr><w:shd w:val=\"clear\""
                        " w:color=\"auto\" w:fill=\"F2F2F2\"/></w:tcPr></w:tblStylePr></w:style>"
                        "</w:styles>");
}

static void font_entry(dossier_buf *b, const char *name, const char *alt, bool cjk)
{
    dossier_buf_puts(b, "<w:font");
    dx_attr(b, "w:name", name);
    dossier_buf_puts(b, ">");
    if (alt && *alt && strcmp(alt, name) != 0) {
        dossier_buf_puts(b, "<w:altName");
        dx_attr(b, "w:val", alt);
        dossier_buf_puts(b, "/>");
    }
    dossier_buf_printf(b, "<w:charset w:val=\"%s\"/><w:family w:val=\"%s\"/>"
                          "<w:pitch w:val=\"variable\"/></w:font>",
                       cjk ? "86" : "00", cjk ? "modern" : "roman");
}

void docx_fonttable_xml(const docx_doc *d, dossier_buf *b)
{
    dossier_buf_puts(b, "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
                        "<w:fonts xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/"
                        "2006/main\">");
    const docx_font *cjk[] = {&d->fonts.body, &d->fonts.hei, &d->fonts.kai, &d->fonts.title,
                              &d->fonts.page_number};
    font_entry(b, d->fonts.latin, NULL, false);
    for (size_t i = 0; i < sizeof cjk / sizeof cjk[0]; i++) {
        bool seen = strcmp(cjk[i]->name, d->fonts.latin) == 0;
        for (size_t j = 0; j < i; j++)
            seen |= strcmp(cjk[i]->name, cjk[j]->name) == 0;
        if (!seen)
            font_entry(b, cjk[i]->name, cjk[i]->alt, true);
    }
    dossier_buf_puts(b, "</w:fonts>");
}

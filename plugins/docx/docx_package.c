/* docx_package.c — the OOXML package: [Content_Types].xml, the relationships, document.xml
 * around the body the walk built, the document properties (dates from brief->timestamp), and
 * every part zipped in memory with libzip in a fixed order with fixed entry times, so that the
 * same brief gives the same bytes on every run and in every time zone. */
#include <time.h>
#include <zip.h>

#include "dossier/plugin_zip.h"

#include "docx.h"

#define NS_W "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define NS_R "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define REL NS_R "/"
#define CT "application/vnd.openxmlformats-officedocument."

typedef struct part {
    char name[64];
    dossier_buf buf;
} part;

static void content_types(const docx_doc *d, dossier_buf *b)
{
    dossier_buf_puts(
        b, "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
           "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
           "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package."
           "relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/>"
           "<Override PartName=\"/word/document.xml\" ContentType=\"" CT
           "wordprocessingml.document.main+xml\"/>"
           "<Override PartName=\"/word/styles.xml\" ContentType=\"" CT
           "wordprocessingml.styles+xml\"/>"
           "<Override PartName=\"/word/settings.xml\" ContentType=\"" CT
           "wordprocessingml.settings+xml\"/>"
           "<Override PartName=\"/word/fontTable.xml\" ContentType=\"" CT
           "wordprocessingml.fontTable+xml\"/>"
           "<Override PartName=\"/word/footnotes.xml\" ContentType=\"" CT
           "wordprocessingml.footnotes+xml\"/>"
           "<Override PartName=\"/word/footer1.xml\" ContentType=\"" CT
           "wordprocessingml.footer+xml\"/>"
           "<Override PartName=\"/word/footer2.xml\" ContentType=\"" CT
           "wordprocessingml.footer+xml\"/>");
    for (size_t i = 0; i < d->n_charts; i++)
        dossier_buf_printf(b, "<Override PartName=\"/word/charts/chart%zu.xml\" ContentType=\"" CT
                              "drawingml.chart+xml\"/>",
                           i + 1);
    dossier_buf_puts(b, "<Override PartName=\"/docProps/core.xml\" ContentType=\"application/"
                        "vnd.openxmlformats-package.core-properties+xml\"/>"
                        "<Override PartName=\"/docProps/app.xml\" ContentType=\"" CT
                        "extended-properties+xml\"/></Types>");
}

static void root_rels(dossier_buf *b)
{
    dossier_buf_puts(
        b, "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
           "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
           "<Relationship Id=\"rId1\" Type=\"" REL "officeDocument\" Target=\"word/document.xml\"/>"
           "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/"
           "relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>"
           "<Relationship Id=\"rId3\" Type=\"" REL "extended-properties\""
           " Target=\"docProps/app.xml\"/></Relationships>");
}

/* rId1–rId6 are fixed (docx_page.c names the footers by them); the rest the walk added. */
static void document_rels(const docx_doc *d, dossier_buf *b)
{
    dossier_buf_puts(
        b, "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
           "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
           "<Relationship Id=\"rId1\" Type=\"" REL "styles\" Target=\"styles.xml\"/>"
           "<Relationship Id=\"rId2\" Type=\"" REL "settings\" Target=\"settings.xml\"/>"
           "<Relationship Id=\"rId3\" Type=\"" REL "fontTable\" Target=\"fontTable.xml\"/>"
           "<Relationship Id=\"rId4\" Type=\"" REL "footnotes\" Target=\"footnotes.xml\"/>"
           "<Relationship Id=\"rId5\" Type=\"" REL "footer\" Target=\"footer1.xml\"/>"
           "<Relationship Id=\"rId6\" Type=\"" REL "footer\" Target=\"footer2.xml\"/>");
    if (d->rels.len)
        dossier_buf_write(b, d->rels.data, d->rels.len);
    dossier_buf_puts(b, "</Relationships>");
}

static void document(const docx_doc *d, dossier_buf *b)
{
    dossier_buf_puts(b, "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
                        "<w:document xmlns:w=\"" NS_W "\" xmlns:r=\"" NS_R "\""
                        " xmlns:wp=\"http://schemas.openxmlformats.org/drawingml/2006/"
                        "wordprocessingDrawing\""
                        " xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\""
                        " xmlns:c=\"http://schemas.openxmlformats.org/drawingml/2006/chart\">"
                        "<w:body>");
    if (d->body.len)
        dossier_buf_write(b, d->body.data, d->body.len);
    /* the body ends with a paragraph, never a table */
    if (d->body.len == 0 || strcmp(d->body.data + d->body.len - 8, "</w:tbl>") == 0)
        dossier_buf_puts(b, "<w:p/>");
    docx_sectpr(d, b);
    dossier_buf_puts(b, "</w:body></w:document>");
}

static void element(dossier_buf *b, const char *tag, const char *text)
{
    if (!text)
        return;
    dossier_buf_printf(b, "<%s>", tag);
    dossier_buf_xml(b, text);
    dossier_buf_printf(b, "</%s>", tag);
}

static void core_props(const docx_doc *d, dossier_buf *b)
{
    char when[21];
    dossier_time_iso8601(d->b->timestamp, when);
    dossier_buf_puts(b, "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
                        "<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/"
                        "2006/metadata/core-properties\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\""
                        " xmlns:dcterms=\"http://purl.org/dc/terms/\""
                        " xmlns:dcmitype=\"http://purl.org/dc/dcmitype/\""
                        " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">");
    element(b, "dc:title", d->b->title);
    element(b, "dc:subject", d->b->subject);
    element(b, "dc:creator", d->b->author ? d->b->author : "dossier");
    element(b, "dc:language", "zh-CN");
    dossier_buf_printf(b, "<dcterms:created xsi:type=\"dcterms:W3CDTF\">%s</dcterms:created>"
                          "<dcterms:modified xsi:type=\"dcterms:W3CDTF\">%s</dcterms:modified>"
                          "</cp:coreProperties>",
                       when, when);
}

static void app_props(const docx_doc *d, dossier_buf *b)
{
    dossier_buf_puts(b, "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
                        "<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/"
                        "extended-properties\"><Application>");
    dossier_buf_printf(b, "dossier %s", d->host->version);
    dossier_buf_puts(b, "</Application></Properties>");
}

/* Zips the parts into `out` (dossier/plugin_zip.h). */
static dossier_status zip_parts(docx_doc *d, part *parts, size_t n, dossier_buf *out)
{
    dossier_zip_entry *entries = calloc(n ? n : 1, sizeof *entries);
    if (!entries) {
        d->host->set_error(d->ctx, "out of memory");
        return DOSSIER_ERR_NO_MEMORY;
    }
    for (size_t i = 0; i < n; i++)
        entries[i] = (dossier_zip_entry){parts[i].name, parts[i].buf.data, parts[i].buf.len, 0};
    char why[512];
    dossier_status s = dossier_zip_build(entries, n, d->b->timestamp, out, why, sizeof why);
    free(entries);
    if (s != DOSSIER_OK)
        d->host->set_error(d->ctx, "%s", why);
    return s;
}

dossier_status docx_package(docx_doc *d, dossier_buf *out)
{
    enum { FIXED = 12 };
    size_t n = FIXED + d->n_charts;
    part *parts = calloc(n, sizeof *parts);
    if (!parts)
        return DOSSIER_ERR_NO_MEMORY;
    static const char *const names[FIXED] = {
        "[Content_Types].xml", "_rels/.rels",         "word/_rels/document.xml.rels",
        "word/document.xml",   "word/styles.xml",     "word/settings.xml",
        "word/fontTable.xml",  "word/footnotes.xml",  "word/footer1.xml",
        "word/footer2.xml",    "docProps/core.xml",   "docProps/app.xml"};
    for (size_t i = 0; i < n; i++) {
        if (i < FIXED)
            snprintf(parts[i].name, sizeof parts[i].name, "%s", names[i]);
        else
            snprintf(parts[i].name, sizeof parts[i].name, "word/charts/chart%u.xml",
                     (unsigned)(i - FIXED + 1));
        dossier_buf_init(&parts[i].buf);
    }
    content_types(d, &parts[0].buf);
    root_rels(&parts[1].buf);
    document_rels(d, &parts[2].buf);
    document(d, &parts[3].buf);
    docx_styles_xml(d, &parts[4].buf);
    docx_settings_xml(d, &parts[5].buf);
    docx_fonttable_xml(d, &parts[6].buf);
    docx_footnotes_xml(d, &parts[7].buf);
    docx_footer_xml(d, false, &parts[8].buf);
    docx_footer_xml(d, true, &parts[9].buf);
    core_props(d, &parts[10].buf);
    app_props(d, &parts[11].buf);
    for (size_t i = 0; i < d->n_charts; i++) { /* moved, not copied */
        parts[FIXED + i].buf = d->charts[i];
        dossier_buf_init(&d->charts[i]);
    }
    dossier_status st = DOSSIER_OK;
    for (size_t i = 0; i < n && st == DOSSIER_OK; i++)
        if (parts[i].buf.error || d->body.error || d->rels.error || d->notes.error)
            st = DOSSIER_ERR_NO_MEMORY;
    if (st == DOSSIER_OK)
        st = zip_parts(d, parts, n, out);
    for (size_t i = 0; i < n; i++)
        dossier_buf_free(&parts[i].buf);
    free(parts);
    return st;
}

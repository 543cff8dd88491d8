/* ofd_doc.c — the document-level parts of the OFD package, written to the GB/T 33190-2016
 * schemas (../shared/ofd-xsd, elements in the schemas' order):
 *
 *   OFD.xml              DocBody: DocInfo (DocID, Title, Author, Subject, CreationDate,
 *                        ModDate, Keywords, Creator, CreatorVersion), DocRoot
 *   Doc_0/Document.xml   CommonData (MaxUnitID, PageArea, PublicRes), Pages, Outlines (the
 *                        layout's anchors, nested by level, each going to its page and
 *                        height), VPreferences (the outline shown when there is one)
 *   Doc_0/PublicRes.xml  the fonts, each with its subset under Doc_0/Res/
 *
 * DocID: 32 hex digits from two FNV-1a 64 hashes of the profile id, the title, the template
 * and the brief's timestamp: the same brief gives the same ID on every run.
 */
#include <hb-ot.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "ofd.h"

static void element(dossier_buf *b, const char *tag, const char *text)
{
    if (!text || !*text)
        return;
    dossier_buf_printf(b, "<ofd:%s>", tag);
    dossier_buf_xml(b, text);
    dossier_buf_printf(b, "</ofd:%s>", tag);
}

static uint64_t fnv(uint64_t h, const char *s)
{
    for (; s && *s; s++) {
        h ^= (unsigned char)*s;
        h *= 1099511628211ULL;
    }
    return h * 1099511628211ULL; /* a separator between the fields */
}

static void doc_id(const ofd_doc *d, char out[33])
{
    const dossier_brief *br = d->L.brief;
    char ts[32];
    snprintf(ts, sizeof ts, "%lld", br->timestamp);
    const char *fields[] = {d->L.p->id, br->title, br->template_name, ts};
    uint64_t h1 = 14695981039346656037ULL, h2 = 0x9E3779B97F4A7C15ULL;
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++) {
        h1 = fnv(h1, fields[i]);
        h2 = fnv(h2, fields[i]);
    }
    snprintf(out, 33, "%016llx%016llx", (unsigned long long)h1, (unsigned long long)h2);
}

static void keywords(ofd_doc *d, dossier_buf *b)
{
    const dossier_profile *p = d->L.p;
    const char *extra = d->L.host->config_string(d->L.ctx, "keywords");
    dossier_buf_puts(b, "<ofd:Keywords>");
    element(b, "Keyword", p->name_zh);
    element(b, "Keyword", p->parent_zh);
    element(b, "Keyword", p->name_en);
    for (size_t i = 0; i < p->n_charts; i++)
        element(b, "Keyword", p->charts[i]->title);
    element(b, "Keyword", extra);
    dossier_buf_puts(b, "</ofd:Keywords>");
}

void ofd_ofd_xml(ofd_doc *d, dossier_buf *b)
{
    const dossier_brief *br = d->L.brief;
    char id[33], when[21];
    doc_id(d, id);
    dossier_time_iso8601(br->timestamp, when);
    when[10] = '\0'; /* xs:date: "2020-06-30" */
    const char *author = d->L.host->config_string(d->L.ctx, "author");
    if (!author || !*author)
        author = br->author;
    dossier_buf_puts(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                        "<ofd:OFD xmlns:ofd=\"" OFD_NS "\" Version=\"1.0\" DocType=\"OFD\">"
                        "<ofd:DocBody><ofd:DocInfo>");
    element(b, "DocID", id);
    element(b, "Title", br->title);
    element(b, "Author", author);
    element(b, "Subject", br->subject ? br->subject : br->title);
    element(b, "CreationDate", when);
    element(b, "ModDate", when);
    keywords(d, b);
    element(b, "Creator", "dossier");
    element(b, "CreatorVersion", d->L.host->version);
    dossier_buf_puts(b, "</ofd:DocInfo><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot>"
                        "</ofd:DocBody></ofd:OFD>\n");
}

static void outline_open(ofd_doc *d, dossier_buf *b, const lay_anchor *a)
{
    double top = ofd_y(d, a->y + 4);
    dossier_buf_puts(b, "<ofd:OutlineElem Title=\"");
    dossier_buf_xml(b, a->title ? a->title : "");
    dossier_buf_printf(b, "\" Expanded=\"%s\"><ofd:Actions><ofd:Action Event=\"CLICK\">"
                          "<ofd:Goto><ofd:Dest Type=\"XYZ\" PageID=\"%u\" Left=\"0\" Top=\"",
                       a->level <= 1 ? "true" : "false", d->page_id0 + (unsigned)a->page);
    ofd_num(b, top > 0 ? top : 0);
    dossier_buf_puts(b, "\"/></ofd:Goto></ofd:Action></ofd:Actions>");
}

static void outlines(ofd_doc *d, dossier_buf *b)
{
    enum { MAX_DEPTH = 32 };
    int stack[MAX_DEPTH];
    size_t depth = 0, placed = 0;
    for (size_t i = 0; i < d->L.n_anchors; i++)
        placed += d->L.anchors[i].placed;
    if (!placed)
        return;
    dossier_buf_puts(b, "<ofd:Outlines>");
    for (size_t i = 0; i < d->L.n_anchors; i++) {
        const lay_anchor *a = &d->L.anchors[i];
        if (!a->placed)
            continue;
        while (depth && stack[depth - 1] >= a->level) {
            dossier_buf_puts(b, "</ofd:OutlineElem>");
            depth--;
        }
        if (depth == MAX_DEPTH) { /* deeper than the stack: a sibling of the last */
            dossier_buf_puts(b, "</ofd:OutlineElem>");
            depth--;
        }
        outline_open(d, b, a);
        stack[depth++] = a->level;
    }
    while (depth--)
        dossier_buf_puts(b, "</ofd:OutlineElem>");
    dossier_buf_puts(b, "</ofd:Outlines><ofd:VPreferences><ofd:PageMode>UseOutlines"
                        "</ofd:PageMode></ofd:VPreferences>");
}

void ofd_document_xml(ofd_doc *d, dossier_buf *b)
{
    dossier_buf_puts(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                        "<ofd:Document xmlns:ofd=\"" OFD_NS "\"><ofd:CommonData>");
    dossier_buf_printf(b, "<ofd:MaxUnitID>%u</ofd:MaxUnitID>", d->next_id - 1);
    dossier_buf_puts(b, "<ofd:PageArea><ofd:PhysicalBox>0 0 ");
    ofd_mm(b, d->L.st.page_w);
    dossier_buf_puts(b, " ");
    ofd_mm(b, d->L.st.page_h);
    dossier_buf_puts(b, "</ofd:PhysicalBox></ofd:PageArea>"
                        "<ofd:PublicRes>PublicRes.xml</ofd:PublicRes></ofd:CommonData><ofd:Pages>");
    for (size_t i = 0; i < d->L.n_pages; i++)
        dossier_buf_printf(b, "<ofd:Page ID=\"%u\" BaseLoc=\"Pages/Page_%zu/Content.xml\"/>",
                           d->page_id0 + (unsigned)i, i);
    dossier_buf_puts(b, "</ofd:Pages>");
    outlines(d, b);
    dossier_buf_puts(b, "</ofd:Document>\n");
}

void ofd_public_res_xml(ofd_doc *d, dossier_buf *b)
{
    const lay_fonts *fs = &d->L.fonts;
    dossier_buf_puts(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                        "<ofd:Res xmlns:ofd=\"" OFD_NS "\" BaseLoc=\"Res\">");
    bool any = false;
    for (size_t k = 0; k < fs->n_faces; k++) {
        if (!d->font_id[k])
            continue;
        const lay_face *f = &fs->faces[k];
        if (!any)
            dossier_buf_puts(b, "<ofd:Fonts>");
        any = true;
        dossier_buf_printf(b, "<ofd:Font ID=\"%u\" FontName=\"", d->font_id[k]);
        dossier_buf_xml(b, f->psname);
        /* The family as the font names it (name ID 1), else the configured one. */
        char family[128];
        unsigned len = sizeof family;
        if (hb_ot_name_get_utf8(f->face, HB_OT_NAME_ID_FONT_FAMILY, hb_language_from_string(
                                    "en", -1), &len, family) == 0 || !*family)
            snprintf(family, sizeof family, "%s", f->family ? f->family : f->psname);
        dossier_buf_puts(b, "\" FamilyName=\"");
        dossier_buf_xml(b, family);
        dossier_buf_printf(b, "\"><ofd:FontFile>font_%u.ttf</ofd:FontFile></ofd:Font>",
                           d->font_id[k]);
    }
    if (any)
        dossier_buf_puts(b, "</ofd:Fonts>");
    dossier_buf_puts(b, "</ofd:Res>\n");
}

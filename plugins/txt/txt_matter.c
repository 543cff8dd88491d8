/* txt_matter.c — the front and back matter of the brief in plain text:
 * - masthead (版头 / 报头): the classification line at the left, the name and the issue or
 *   发文字号 centred, the issuer at the left and the date at the right of one line, and a line
 *   of "=" for the red rule;
 * - title block: the title with the English name in brackets, the subtitle, the dateline;
 * - facts: "label：text①（detail）" lines, the marker of the figure's note after the figure;
 * - colophon (版记 / 报尾): a "-" rule, "label：text" lines, and a last line with `left` at the
 *   left and `right` at the right edge.
 * Every word and figure comes from the brief; only the brackets and colons are text's idiom. */
#include <stdlib.h>

#include "txt.h"

void txt_masthead(txt_doc *d, const dossier_brief_masthead *m)
{
    txt_block(d);
    if (m->classification) {
        tw_aligned(&d->w, m->classification, DOSSIER_ALIGN_LEFT);
        tw_blank(&d->w);
    }
    if (m->name) {
        tw_aligned(&d->w, m->name, DOSSIER_ALIGN_CENTER);
        tw_blank(&d->w);
    }
    tw_aligned(&d->w, m->issue, DOSSIER_ALIGN_CENTER);
    tw_aligned(&d->w, m->number, DOSSIER_ALIGN_CENTER);
    tw_left_right(&d->w, m->issuer, m->date);
    txt_rule(d, "=", true);
    tw_blank(&d->w);
}

void txt_title(txt_doc *d, const dossier_brief_title *t)
{
    char *title = t->name_en ? TW_CONCAT(&d->w, t->title, "（", t->name_en, "）")
                             : TW_CONCAT(&d->w, t->title);
    if (!title)
        return;
    txt_block(d);
    tw_wrapped(&d->w, title, NULL, 0);
    tw_wrapped(&d->w, t->subtitle, NULL, 0);
    tw_wrapped(&d->w, t->dateline, NULL, 0);
    txt_block_end(d);
    free(title);
}

void txt_fact(txt_doc *d, const dossier_brief_fact *f)
{
    const char *marker = f->note ? f->note->marker : NULL;
    char *line = f->detail ? TW_CONCAT(&d->w, f->label, "：", f->text, marker, "（", f->detail, "）")
                           : TW_CONCAT(&d->w, f->label, "：", f->text, marker);
    if (!line)
        return;
    tw_wrapped(&d->w, line, NULL, 0);
    txt_block_end(d);
    free(line);
}

void txt_colophon(txt_doc *d, const dossier_brief_colophon *c)
{
    txt_rule(d, "-", false);
    for (size_t i = 0; i < c->n_lines && d->w.status == DOSSIER_OK; i++) {
        const dossier_brief_line *l = c->lines[i];
        char *prefix = TW_CONCAT(&d->w, l->label, l->label ? "：" : NULL);
        if (!prefix)
            return;
        tw_hanging(&d->w, l->text, prefix);
        free(prefix);
    }
    tw_left_right(&d->w, c->left, c->right);
    txt_block_end(d);
}

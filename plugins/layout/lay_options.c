/* lay_options.c — the options of the fixed-layout formats: page style and geometry, sizes,
 * fonts, missing glyphs, the brief overrides (table, charts), document information and the
 * glyph sheet. The pdf and ofd plugins both declare exactly these ([pdf] and [ofd] sections),
 * so the same settings give the same pages in both formats.
 */
#include "layout.h"

const dossier_option lay_options[] = {
#include "lay_option_entries.h"
    {NULL, 0, NULL, NULL, 0, 0, NULL},
};

const size_t lay_n_options = sizeof lay_options / sizeof lay_options[0] - 1;

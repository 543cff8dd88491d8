/* brief_mention.h — where the narrative first mentions each chart of a profile, so that the
 * brief can set a figure near the text about it ([brief] figures = mention).
 *
 * What "mentions" means: an indicator is mentioned where the profile says it is stated — its
 * `source.section` (the section's title, counting with its first paragraph, and its own
 * paragraphs), else its document (the lead paragraphs, then every section, in reading order)
 * — in the first of those paragraphs that holds its `quote`, else its figure as written
 * (value, unit and qualifier, not inside a longer number; figure_match.h). When none holds it,
 * the reference still stands: the first paragraph of the cited section (else of the
 * document's lead) is the mention. A chart is mentioned at the earliest mention, in reading order, of any
 * point of its series (primary or secondary). An indicator whose source has no narrative in
 * the profile is mentioned nowhere; a chart none of whose points is mentioned has no mention.
 *
 * A mention is a paragraph's slot in the model: the address of its entry in its section's or
 * document's `paragraphs` array (&sec->paragraphs[i]), unique within the profile.
 *
 * Ownership: nothing is allocated that outlives the call; slots point into the profile.
 */
#ifndef DOSSIER_BRIEF_MENTION_H
#define DOSSIER_BRIEF_MENTION_H

#include <stddef.h>

#include "dossier/model.h"

typedef struct brief_mention {
    const char *const *slot; /* the paragraph of the first mention; NULL: not mentioned */
    size_t order;            /* that paragraph's place in reading order (documents in profile
                                order; lead paragraphs, then sections depth-first) */
} brief_mention;

/* The first mention of every chart of p: out[i] for p->charts[i] (out has p->n_charts
 * entries). Linear in the narrative plus the charts' points (times log of them). */
void brief_mentions_find(const dossier_profile *p, brief_mention *out);

#endif

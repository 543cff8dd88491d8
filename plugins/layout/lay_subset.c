/* lay_subset.c — each face subset with HarfBuzz (hb-subset) to the characters the brief sets:
 * the TrueType file a fixed-layout backend embeds (the PDF as FontFile2, the OFD under Res/).
 * Outlines and metrics are kept (hmtx unchanged, so the advances the layout measured are the
 * ones a reader finds); hinting, layout and bitmap tables are dropped. hb-subset writes the
 * cmap the characters need (format 4, and format 12 for characters beyond U+FFFF).
 *
 * Glyphs are renumbered by the subset; a backend that names glyphs by id (the PDF's
 * CIDToGIDMap) gets the old → new numbering from the subset plan.
 *
 * Ownership: the blob and the map returned belong to the caller (hb_blob_destroy,
 * hb_map_destroy).
 */
#include <hb-subset.h>
#include <stdlib.h>
#include <string.h>

#include "layout.h"

static hb_blob_t *subset(const lay_face *f, hb_map_t **new_gid)
{
    hb_subset_input_t *in = hb_subset_input_create_or_fail();
    if (!in)
        return NULL;
    hb_set_union(hb_subset_input_unicode_set(in), f->used);
    /* Outlines and metrics are all a backend uses: no hinting, no layout or bitmap tables. */
    hb_subset_input_set_flags(in, HB_SUBSET_FLAGS_NO_HINTING | HB_SUBSET_FLAGS_NAME_LEGACY);
    static const hb_tag_t drop[] = {
        HB_TAG('G', 'S', 'U', 'B'), HB_TAG('G', 'P', 'O', 'S'), HB_TAG('G', 'D', 'E', 'F'),
        HB_TAG('B', 'A', 'S', 'E'), HB_TAG('J', 'S', 'T', 'F'), HB_TAG('M', 'A', 'T', 'H'),
        HB_TAG('k', 'e', 'r', 'n'), HB_TAG('v', 'h', 'e', 'a'), HB_TAG('v', 'm', 't', 'x'),
        HB_TAG('V', 'O', 'R', 'G'), HB_TAG('E', 'B', 'D', 'T'), HB_TAG('E', 'B', 'L', 'C'),
        HB_TAG('E', 'B', 'S', 'C'), HB_TAG('C', 'B', 'D', 'T'), HB_TAG('C', 'B', 'L', 'C'),
        HB_TAG('s', 'b', 'i', 'x'), HB_TAG('D', 'S', 'I', 'G'), HB_TAG('g', 'a', 's', 'p'),
        HB_TAG('h', 'd', 'm', 'x'), HB_TAG('L', 'T', 'S', 'H'), HB_TAG('V', 'D', 'M', 'X'),
        HB_TAG('P', 'C', 'L', 'T'),
    };
    hb_set_t *tags = hb_subset_input_set(in, HB_SUBSET_SETS_DROP_TABLE_TAG);
    for (size_t i = 0; i < sizeof drop / sizeof drop[0]; i++)
        hb_set_add(tags, drop[i]);
    hb_subset_plan_t *plan = hb_subset_plan_create_or_fail(f->face, in);
    hb_subset_input_destroy(in);
    if (!plan)
        return NULL;
    hb_face_t *sub = hb_subset_plan_execute_or_fail(plan);
    hb_blob_t *blob = sub ? hb_face_reference_blob(sub) : NULL;
    hb_face_destroy(sub);
    if (blob && new_gid) {
        *new_gid = hb_map_copy(hb_subset_plan_old_to_new_glyph_mapping(plan));
        if (!*new_gid || !hb_map_allocation_successful(*new_gid)) {
            hb_map_destroy(*new_gid);
            *new_gid = NULL;
            hb_blob_destroy(blob);
            blob = NULL;
        }
    }
    hb_subset_plan_destroy(plan);
    return blob;
}

hb_blob_t *lay_subset_face(lay_doc *d, size_t k, hb_map_t **new_gid)
{
    const lay_face *f = &d->fonts.faces[k];
    if (new_gid)
        *new_gid = NULL;
    hb_blob_t *blob = subset(f, new_gid);
    if (!blob || hb_blob_get_length(blob) == 0) {
        hb_blob_destroy(blob);
        if (new_gid) {
            hb_map_destroy(*new_gid);
            *new_gid = NULL;
        }
        lay_fail(d, DOSSIER_ERR_LIBRARY, "hb-subset cannot subset font \"%s\" (%s)",
                 f->family ? f->family : f->path, f->path);
        return NULL;
    }
    return blob;
}

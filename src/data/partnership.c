/* partnership: loading partnership.yaml, see partnership.h. */
#include "data/partnership.h"

#include "core/fsutil.h"
#include "data/loader.h"
#include "data/schema_defs.h"

#include <stdlib.h>
#include <string.h>

static bool yes(const sr_ynode *n)
{
    const char *t = sr_ynode_text(n);
    return t && (strcmp(t, "yes") == 0 || strcmp(t, "true") == 0);
}

static sr_partnership *from_tree(sr_arena *a, sr_diags *d, const sr_source *src, sr_ynode *root);

sr_partnership *sr_partnership_load(sr_arena *a, sr_diags *d, const char *path)
{
    /* partnership.yaml is the data folder's own: it may not link out of it. */
    const sr_source *src;
    char *folder = sr_dirname(path);
    sr_ynode *root = sr_load_yaml_file_within(a, d, path, folder, &src);
    free(folder);
    return root ? from_tree(a, d, src, root) : NULL;
}

sr_partnership *sr_partnership_load_source(sr_arena *a, sr_diags *d, const sr_source *src)
{
    sr_ylimits lim = sr_ylimits_default();
    sr_ynode *root = sr_yaml_load(a, d, src, &lim);
    return root ? from_tree(a, d, src, root) : NULL;
}

static sr_partnership *from_tree(sr_arena *a, sr_diags *d, const sr_source *src, sr_ynode *root)
{
    /* Checked without a figure store; the values are read from the tree
     * below once the schema has accepted them. */
    if (!sr_schema_check_file(a, d, src, &sr_partnership_schema, root))
        return NULL;

    sr_partnership *p = sr_arena_alloc(a, sizeof *p);
    p->path = sr_arena_strdup(a, src->name);
    const sr_ynode *about = sr_ymap_get(root, "partnership");
    p->name = sr_ynode_text(sr_ymap_get(about, "name"));
    p->short_name = sr_ynode_text(sr_ymap_get(about, "short_name"));
    p->area = sr_ynode_text(sr_ymap_get(about, "area"));
    p->email = sr_ynode_text(sr_ymap_get(about, "email"));

    const sr_ynode *list = sr_ymap_get(root, "partners");
    size_t n = list && list->kind == SR_Y_SEQ ? list->n : 0;
    p->partners = sr_arena_alloc(a, (n ? n : 1) * sizeof *p->partners);
    p->ids = sr_arena_alloc(a, (n + 1) * sizeof *p->ids);
    for (size_t i = 0; i < n; i++) {
        const sr_ynode *e = list->items[i];
        sr_partner *pt = &p->partners[p->npartners];
        pt->id = sr_ynode_text(sr_ymap_get(e, "id"));
        /* Duplicate ids were reported by the schema; keep the first. */
        if (!pt->id || sr_partnership_find(p, pt->id))
            continue;
        pt->loc = e->loc;
        pt->short_name = sr_ynode_text(sr_ymap_get(e, "short_name"));
        pt->statutory = yes(sr_ymap_get(e, "statutory"));
        const sr_ynode *names = sr_ymap_get(e, "names");
        if (names && names->kind == SR_Y_MAP) {
            pt->names = sr_arena_alloc(a, (names->n ? names->n : 1) * sizeof *pt->names);
            for (size_t k = 0; k < names->n; k++) {
                int y = atoi(names->items[2 * k]->text);
                const char *nm = sr_ynode_text(names->items[2 * k + 1]);
                size_t at = pt->nnames;
                while (at > 0 && pt->names[at - 1].from_year > y) {
                    pt->names[at] = pt->names[at - 1];
                    at--;
                }
                pt->names[at] = (sr_partner_name){y, nm};
                pt->nnames++;
            }
        } else {
            pt->names = sr_arena_alloc(a, sizeof *pt->names);
            pt->names[0] = (sr_partner_name){0, sr_ynode_text(sr_ymap_get(e, "name"))};
            pt->nnames = 1;
        }
        const sr_ynode *sub = sr_ymap_get(e, "submits");
        if (sub && sub->kind == SR_Y_SEQ) {
            pt->submits = sr_arena_alloc(a, (sub->n ? sub->n : 1) * sizeof *pt->submits);
            for (size_t k = 0; k < sub->n; k++)
                if (sr_ynode_text(sub->items[k]))
                    pt->submits[pt->nsubmits++] = sub->items[k]->text;
        }
        p->ids[p->npartners++] = pt->id;
    }

    const sr_ynode *pop = sr_ymap_get(sr_ymap_get(root, "population"), "children_0_17");
    if (pop && pop->kind == SR_Y_MAP) {
        p->population_years = sr_arena_alloc(a, (pop->n ? pop->n : 1) * sizeof(int));
        p->population = sr_arena_alloc(a, (pop->n ? pop->n : 1) * sizeof(int64_t));
        for (size_t k = 0; k < pop->n; k++) {
            const char *v = sr_ynode_text(pop->items[2 * k + 1]);
            p->population_years[p->npopulation] = atoi(pop->items[2 * k]->text);
            p->population[p->npopulation++] = v ? strtoll(v, NULL, 10) : -1;
        }
    }
    /* The partnership's own additions to the edition's recipients; the
     * edition's list and these are merged when a year is published
     * (sr_guidance_recipients). */
    const sr_ynode *rl = sr_ymap_get(root, "recipients");
    if (rl && rl->kind == SR_Y_SEQ && rl->n) {
        p->recipients = sr_arena_alloc(a, rl->n * sizeof *p->recipients);
        for (size_t k = 0; k < rl->n; k++) {
            const sr_ynode *e = rl->items[k];
            p->recipients[p->nrecipients++] = (sr_recipient){
                sr_ynode_text(sr_ymap_get(e, "id")), sr_ynode_text(sr_ymap_get(e, "name")),
                sr_ynode_text(sr_ymap_get(e, "email")), e->loc};
        }
    }
    /* The guidance edition, if the partnership names one. */
    const sr_ynode *g = sr_ymap_get(about, "guidance");
    if (g && g->kind == SR_Y_SCALAR && sr_ynode_text(g)) {
        p->guidance = sr_arena_alloc(a, sizeof *p->guidance);
        p->guidance[p->nguidance++] = (sr_guidance_choice){0, g->text, sr_ynode_loc(g)};
    } else if (g && g->kind == SR_Y_MAP) {
        p->guidance = sr_arena_alloc(a, (g->n ? g->n : 1) * sizeof *p->guidance);
        for (size_t k = 0; k < g->n; k++) {
            const sr_ynode *v = g->items[2 * k + 1];
            int y = sr_year_from_name(g->items[2 * k]->text);
            if (!y || !sr_ynode_text(v))
                continue;
            size_t at = p->nguidance;
            while (at > 0 && p->guidance[at - 1].from_year > y) {
                p->guidance[at] = p->guidance[at - 1];
                at--;
            }
            p->guidance[at] = (sr_guidance_choice){y, v->text, sr_ynode_loc(v)};
            p->nguidance++;
        }
    }
    const sr_ynode *opt = sr_ymap_get(root, "options");
    p->disclosure_control = yes(sr_ymap_get(opt, "disclosure_control"));
    const char *th = sr_ynode_text(sr_ymap_get(opt, "suppression_threshold"));
    p->suppression_threshold = th ? strtoll(th, NULL, 10) : 5;
    return p;
}

const sr_partner *sr_partnership_find(const sr_partnership *p, const char *id)
{
    for (size_t i = 0; i < p->npartners; i++)
        if (strcmp(p->partners[i].id, id) == 0)
            return &p->partners[i];
    return NULL;
}

const char *sr_partner_name_in(const sr_partner *pt, int year)
{
    const char *name = pt->nnames ? pt->names[0].name : pt->id;
    for (size_t i = 0; i < pt->nnames; i++)
        if (pt->names[i].from_year <= year)
            name = pt->names[i].name;
    return name ? name : pt->id;
}

int64_t sr_partnership_population(const sr_partnership *p, int year)
{
    for (size_t i = 0; i < p->npopulation; i++)
        if (p->population_years[i] == year)
            return p->population[i];
    return -1;
}

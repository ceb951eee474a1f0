/* overlay: layering template files, see overlay.h. */
#include "data/overlay.h"

#include "core/fsutil.h"
#include "core/suggest.h"
#include "data/loader.h"

#include <stdlib.h>
#include <string.h>

/* A node list that grows. */
typedef struct {
    sr_ynode **v;
    size_t n, cap;
} nodes;

static void push(nodes *l, sr_ynode *n)
{
    if (l->n == l->cap) {
        l->cap = l->cap ? l->cap * 2 : 16;
        l->v = sr_xrealloc(l->v, l->cap * sizeof *l->v);
    }
    l->v[l->n++] = n;
}

static void insert_at(nodes *l, size_t at, sr_ynode *n)
{
    push(l, n);
    memmove(&l->v[at + 1], &l->v[at], (l->n - 1 - at) * sizeof *l->v);
    l->v[at] = n;
}

static void remove_at(nodes *l, size_t at)
{
    memmove(&l->v[at], &l->v[at + 1], (l->n - 1 - at) * sizeof *l->v);
    l->n--;
}

/* A new node of kind k at loc, taking the items of l. */
static sr_ynode *finish(sr_arena *a, sr_ykind k, sr_loc loc, nodes *l, size_t n)
{
    sr_ynode *r = sr_arena_alloc(a, sizeof *r);
    r->kind = k;
    r->loc = loc;
    r->n = n;
    r->items = sr_arena_alloc(a, (l->n ? l->n : 1) * sizeof *r->items);
    if (l->n)
        memcpy(r->items, l->v, l->n * sizeof *r->items);
    free(l->v);
    *l = (nodes){0};
    return r;
}

/* The pairs of map m, as a list of keys and values. */
static void pairs_of(const sr_ynode *m, nodes *l)
{
    for (size_t i = 0; m && m->kind == SR_Y_MAP && i < 2 * m->n; i++)
        push(l, m->items[i]);
}

/* Sets key to value in the pair list l (replacing, or adding at the end). */
static void set_pair(nodes *l, sr_ynode *key, sr_ynode *value)
{
    for (size_t i = 0; i + 1 < l->n; i += 2) {
        if (l->v[i]->kind == SR_Y_SCALAR && strcmp(l->v[i]->text, key->text) == 0) {
            l->v[i] = key;
            l->v[i + 1] = value;
            return;
        }
    }
    push(l, key);
    push(l, value);
}

static const char *entry_id(const sr_ynode *e, const char *field)
{
    return e && e->kind == SR_Y_MAP ? sr_ynode_text(sr_ymap_get(e, field)) : NULL;
}

static long find_entry(const nodes *l, const char *field, const char *id)
{
    for (size_t i = 0; i < l->n; i++) {
        const char *x = entry_id(l->v[i], field);
        if (x && strcmp(x, id) == 0)
            return (long)i;
    }
    return -1;
}

/* The layer's entry e merged with (or replacing) base entry b; `after`
 * removed when the list allows it. */
static sr_ynode *layered_entry(sr_arena *a, const sr_ynode *b, const sr_ynode *e,
                               const sr_overlay_list *spec)
{
    if (e->kind != SR_Y_MAP)
        return (sr_ynode *)e;
    nodes p = {0};
    if (b && spec->merge)
        pairs_of(b, &p);
    for (size_t i = 0; i < e->n; i++) {
        sr_ynode *k = e->items[2 * i], *v = e->items[2 * i + 1];
        if (spec->after && k->kind == SR_Y_SCALAR && strcmp(k->text, "after") == 0)
            continue;
        if (k->kind == SR_Y_SCALAR)
            set_pair(&p, k, v);
        else {
            push(&p, k);
            push(&p, v);
        }
    }
    return finish(a, SR_Y_MAP, e->loc, &p, p.n / 2);
}

static void after_error(sr_diags *d, const nodes *l, const sr_overlay_list *spec,
                        const sr_ynode *at, const char *to, bool in_layer)
{
    if (in_layer) {
        /* Named in this file, but placed (through `after:`) after this one:
         * neither can come first. */
        sr_diag *g = sr_diag_add(d, SR_ERROR, sr_ynode_loc(at),
                                 "`after: %s` names a %s that is itself placed after this one", to,
                                 spec->what);
        sr_diag_hint(g, "place one of them after a %s of the template instead", spec->what);
        return;
    }
    const char **ids = sr_xmalloc((l->n + 1) * sizeof *ids);
    size_t n = 0;
    for (size_t i = 0; i < l->n; i++)
        if (entry_id(l->v[i], spec->id))
            ids[n++] = entry_id(l->v[i], spec->id);
    sr_diag *g = sr_diag_add(d, SR_ERROR, sr_ynode_loc(at),
                             "`after: %s` names no %s of the template", to, spec->what);
    const char *best = sr_suggest(to, ids, n);
    if (best)
        sr_diag_hint(g, "did you mean `%s`?", best);
    else
        sr_diag_hint(g, "name one of the %ss in report-templates/ or in this folder", spec->what);
    free(ids);
}

/* The list being layered: its entries, which of them the layer gave, and
 * where the last entry placed by `after:` (or following one) went. */
typedef struct {
    nodes l;
    bool *from_layer;
    long run;
} placing;

/* Places the layer's entry e into s. */
static void place(sr_arena *a, placing *s, const sr_ynode *e, const sr_overlay_list *spec,
                  sr_diags *d, bool in_layer)
{
    nodes *l = &s->l;
    const char *id = entry_id(e, spec->id);
    long at = -1;
    if (id) {
        /* Only a default entry is replaced: one the layer gives twice is
         * kept twice, so that the schema reports it. */
        at = find_entry(l, spec->id, id);
        if (at >= 0 && s->from_layer[at])
            at = -1;
    }
    sr_ynode *ne = layered_entry(a, at >= 0 ? l->v[at] : NULL, e, spec);
    const sr_ynode *after = spec->after && e->kind == SR_Y_MAP ? sr_ymap_get(e, "after") : NULL;
    if (at >= 0 && !after) {
        l->v[at] = ne;
        s->from_layer[at] = true;
        return;
    }
    if (at >= 0 && s->run > at)
        s->run--;
    if (at >= 0) {
        remove_at(l, (size_t)at);
        memmove(&s->from_layer[at], &s->from_layer[at + 1],
                (l->n - (size_t)at) * sizeof *s->from_layer);
    }
    /* New entries go at the end, or after the one `after:` names; those
     * that follow such an entry in the layer come after it, in order. */
    size_t pos = s->run >= 0 ? (size_t)s->run + 1 : l->n;
    if (after) {
        const char *to = sr_ynode_text(after);
        long t = to ? find_entry(l, spec->id, to) : -1;
        if (t < 0)
            after_error(d, l, spec, after, to ? to : "", in_layer);
        else
            pos = (size_t)t + 1;
    }
    if (after || s->run >= 0)
        s->run = (long)pos;
    insert_at(l, pos, ne);
    memmove(&s->from_layer[pos + 1], &s->from_layer[pos], (l->n - 1 - pos) * sizeof *s->from_layer);
    s->from_layer[pos] = true;
}

/* Whether `after:` of the layer's entry e names an entry the list does not
 * have yet (one the layer adds further on). */
static bool waits(const placing *s, const sr_ynode *e, const sr_overlay_list *spec)
{
    const sr_ynode *after = spec->after && e->kind == SR_Y_MAP ? sr_ymap_get(e, "after") : NULL;
    const char *to = sr_ynode_text(after);
    return to && find_entry(&s->l, spec->id, to) < 0;
}

static bool names_one_of(const sr_ynode *layer, const char *field, const char *id)
{
    for (size_t i = 0; id && i < layer->n; i++) {
        const char *x = entry_id(layer->items[i], field);
        if (x && strcmp(x, id) == 0)
            return true;
    }
    return false;
}

/* Places the run of the layer's entries starting at runs[r]. */
static void place_run(sr_arena *a, sr_diags *d, placing *s, const sr_ynode *layer,
                      const sr_overlay_list *spec, const size_t *runs, size_t r, bool *done,
                      bool in_layer)
{
    s->run = -1;
    for (size_t i = runs[r]; i < runs[r + 1]; i++)
        place(a, s, layer->items[i], spec, d, in_layer);
    done[r] = true;
}

/* Places every run that can go in, the first in the file first, until
 * none can. */
static void settle(sr_arena *a, sr_diags *d, placing *s, const sr_ynode *layer,
                   const sr_overlay_list *spec, const size_t *runs, size_t nruns, bool *done)
{
    for (size_t r = 0; r < nruns; r++) {
        if (done[r] || waits(s, layer->items[runs[r]], spec))
            continue;
        place_run(a, d, s, layer, spec, runs, r, done, false);
        r = (size_t)-1; /* the earlier runs that wait may now go in */
    }
}

/* The layer's entries go in by runs: an entry with `after:` and those that
 * follow it up to the next one with `after:` (the first run, before any
 * `after:`, goes at the end). A run whose `after:` names an entry the layer
 * adds further on waits until that entry is in place, so the file may be
 * written in any order; one that can never be placed (two entries each
 * after the other) is an error, and goes at the end. */
static sr_ynode *layer_list(sr_arena *a, sr_diags *d, const sr_ynode *base, const sr_ynode *layer,
                            const sr_overlay_list *spec)
{
    if (!base || base->kind != SR_Y_SEQ || layer->kind != SR_Y_SEQ)
        return (sr_ynode *)layer; /* replaced; the schema says what is wrong with it */
    placing s = {.run = -1};
    for (size_t i = 0; i < base->n; i++)
        push(&s.l, base->items[i]);
    s.from_layer = sr_xcalloc(base->n + layer->n + 1, sizeof *s.from_layer);
    /* The start of each run. */
    size_t *runs = sr_xmalloc((layer->n + 1) * sizeof *runs), nruns = 0;
    for (size_t i = 0; i < layer->n; i++) {
        const sr_ynode *e = layer->items[i];
        if (i == 0 || (spec->after && e->kind == SR_Y_MAP && sr_ymap_get(e, "after")))
            runs[nruns++] = i;
    }
    runs[nruns] = layer->n;
    bool *done = sr_xcalloc(nruns + 1, sizeof *done);
    /* The runs that can go in, in the file's order; then those naming no
     * entry at all (an error each), and what they let in; then the rest. */
    settle(a, d, &s, layer, spec, runs, nruns, done);
    for (size_t r = 0; r < nruns; r++) {
        const sr_ynode *head = layer->items[runs[r]];
        if (!done[r] && !names_one_of(layer, spec->id, sr_ynode_text(sr_ymap_get(head, "after"))))
            place_run(a, d, &s, layer, spec, runs, r, done, false);
    }
    settle(a, d, &s, layer, spec, runs, nruns, done);
    for (size_t r = 0; r < nruns; r++)
        if (!done[r])
            place_run(a, d, &s, layer, spec, runs, r, done, true);
    free(done);
    free(runs);
    free(s.from_layer);
    return finish(a, SR_Y_SEQ, base->loc, &s.l, s.l.n);
}

sr_ynode *sr_yoverlay(sr_arena *a, sr_diags *d, const sr_ynode *base, const sr_ynode *layer,
                      const sr_overlay_list *lists)
{
    if (!layer || sr_ynode_is_null(layer))
        return (sr_ynode *)base;
    if (layer->kind != SR_Y_MAP) {
        char buf[96];
        sr_diag *g = sr_diag_add(d, SR_ERROR, sr_ynode_loc(layer),
                                 "expected `key: value` lines in this template file, got %s",
                                 sr_ynode_describe(layer, buf, sizeof buf));
        sr_diag_hint(g, "write the keys to change, such as `sections:` or `charts:`, each with "
                        "only the entries to add or change");
        return (sr_ynode *)base;
    }
    if (!base || base->kind != SR_Y_MAP)
        return (sr_ynode *)base;
    nodes p = {0};
    pairs_of(base, &p);
    for (size_t i = 0; i < layer->n; i++) {
        sr_ynode *k = layer->items[2 * i], *v = layer->items[2 * i + 1];
        if (k->kind != SR_Y_SCALAR)
            continue;
        const sr_overlay_list *spec = NULL;
        for (const sr_overlay_list *s = lists; s && s->key && !spec; s++)
            if (strcmp(s->key, k->text) == 0)
                spec = s;
        if (spec)
            v = layer_list(a, d, sr_ymap_get(base, k->text), v, spec);
        set_pair(&p, k, v);
    }
    return finish(a, SR_Y_MAP, base->loc, &p, p.n / 2);
}

/* A file of nothing but blank lines and comments changes nothing: it is not
 * an empty submission to complain of. A file that cannot be read is left
 * to the loader to report. */
static bool only_comments(const char *path, const char *root)
{
    char *text, *outside = NULL;
    size_t len;
    sr_read_status st = sr_read_file_within(path, root, SR_MAX_FILE_SIZE, &text, &len, &outside);
    free(outside);
    if (st != SR_READ_OK)
        return false;
    bool none = true;
    for (size_t i = 0; i < len && none;) {
        size_t j = i;
        while (j < len && (text[j] == ' ' || text[j] == '\t' || text[j] == '\r'))
            j++;
        none = j == len || text[j] == '\n' || text[j] == '#';
        while (j < len && text[j] != '\n')
            j++;
        i = j + 1;
    }
    free(text);
    return none;
}

sr_ynode *sr_load_template_file(sr_arena *a, sr_diags *d, const char *templates_dir,
                                const char *data_dir, const char *name,
                                const sr_overlay_list *lists, const sr_source **src)
{
    char *path = sr_path_join(templates_dir, name);
    sr_ynode *root = sr_load_yaml_file(a, d, path, src);
    free(path);
    if (!root || !data_dir)
        return root;
    char *ldir = sr_path_join(data_dir, SR_LAYER_DIR);
    char *lpath = sr_path_join(ldir, name);
    free(ldir);
    sr_ynode *res = root;
    if (sr_path_kind_of(lpath) != SR_PATH_NONE && !only_comments(lpath, data_dir)) {
        const sr_source *lsrc;
        sr_ynode *layer = sr_load_yaml_file_within(a, d, lpath, data_dir, &lsrc);
        res = layer ? sr_yoverlay(a, d, root, layer, lists) : NULL;
    }
    free(lpath);
    return res;
}

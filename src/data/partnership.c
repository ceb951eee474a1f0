/* partnership: loading partnership.yaml, see partnership.h. */
#include "data/partnership.h"

#include "core/fsutil.h"
#include "core/suggest.h"
#include "data/loader.h"
#include "data/schema_defs.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool yes(const sr_ynode *n)
{
    const char *t = sr_ynode_text(n);
    return t && (strcmp(t, "yes") == 0 || strcmp(t, "true") == 0);
}

bool sr_email_ok(const char *addr, char *why, size_t n)
{
    const unsigned char *s = (const unsigned char *)addr;
    if (strpbrk(addr, "\r\n")) {
        snprintf(why, n, "it holds a line break");
        return false;
    }
    for (const unsigned char *c = s; *c; c++) {
        const char *what = NULL;
        if (*c < 0x20 || *c == 0x7f)
            what = "a control character";
        else if (*c >= 0x80)
            what = "a letter outside plain ASCII";
        else if (*c == ' ' || *c == '\t')
            what = "a space";
        else if (strchr("<>()[]\\,;:\"", *c))
            what = "brackets, quotes or punctuation an address cannot have";
        if (what) {
            snprintf(why, n, "it holds %s", what);
            return false;
        }
    }
    const char *at = strrchr(addr, '@');
    if (!at || at == addr || strchr(addr, '@') != at) {
        snprintf(why, n, at ? "it has more than one @" : "it has no @");
        return false;
    }
    size_t local = (size_t)(at - addr), total = strlen(addr);
    if (local > 64 || total > 254) {
        snprintf(why, n, "it is longer than an address can be");
        return false;
    }
    if (addr[0] == '.' || at[-1] == '.' || strstr(addr, "..")) {
        snprintf(why, n, "a dot starts or ends the part before the @, or two dots meet");
        return false;
    }
    const char *dom = at + 1;
    if (!*dom || !strchr(dom, '.')) {
        snprintf(why, n, "the part after the @ is not a domain such as example.gov.uk");
        return false;
    }
    for (const char *label = dom; *label;) {
        size_t len = strcspn(label, ".");
        bool ok = len > 0 && len <= 63 && label[0] != '-' && label[len - 1] != '-';
        for (size_t i = 0; ok && i < len; i++)
            ok = (label[i] >= 'a' && label[i] <= 'z') || (label[i] >= 'A' && label[i] <= 'Z') ||
                 (label[i] >= '0' && label[i] <= '9') || label[i] == '-';
        if (!ok) {
            snprintf(why, n, "the part after the @ is not a domain such as example.gov.uk");
            return false;
        }
        label += len;
        if (*label == '.')
            label++;
    }
    return true;
}

bool sr_email_check(sr_diags *d, const sr_ynode *v, const char *what)
{
    const char *addr = sr_ynode_text(v);
    char why[120];
    if (!addr || sr_email_ok(addr, why, sizeof why))
        return true;
    /* Shown with any control character written as an escape, never raw. */
    char shown[200];
    size_t k = 0;
    for (const unsigned char *c = (const unsigned char *)addr; *c && k + 6 < sizeof shown; c++) {
        if (*c < 0x20 || *c == 0x7f)
            k += (size_t)snprintf(shown + k, sizeof shown - k, "\\x%02X", *c);
        else
            shown[k++] = (char)*c;
    }
    shown[k] = '\0';
    sr_diag_hint(sr_diag_add(d, SR_ERROR, sr_ynode_loc(v), "%s `%s` is not an email address: %s",
                             what, shown, why),
                 "write the address alone, such as `safeguarding@example.gov.uk`: no name, "
                 "spaces, brackets or line breaks (the messages to the recipients are sent "
                 "from and to it)");
    return false;
}

static sr_partnership *from_tree(sr_arena *a, sr_diags *d, const sr_source *src, sr_ynode *root);

bool sr_gss_code_ok(const char *code)
{
    if (!code || strlen(code) != 9 || code[0] < 'A' || code[0] > 'Z')
        return false;
    for (size_t i = 1; i < 9; i++)
        if (code[i] < '0' || code[i] > '9')
            return false;
    return true;
}

/* A list of local authority codes: each checked, none twice (also not in
 * `seen`, the area's when reading the neighbours). */
static bool read_codes(sr_arena *a, sr_diags *d, const sr_ynode *list, const char ***codes,
                       sr_loc **locs, size_t *n, const char *const *seen, size_t nseen,
                       const char *what)
{
    size_t cap = list && list->kind == SR_Y_SEQ ? list->n : 0;
    *codes = sr_arena_alloc(a, (cap ? cap : 1) * sizeof **codes);
    *locs = sr_arena_alloc(a, (cap ? cap : 1) * sizeof **locs);
    *n = 0;
    bool ok = true;
    for (size_t i = 0; i < cap; i++) {
        const sr_ynode *c = list->items[i];
        const char *t = sr_ynode_text(c);
        if (!t)
            continue;
        if (!sr_gss_code_ok(t)) {
            sr_diag *g =
                sr_diag_add(d, SR_ERROR, sr_ynode_loc(c), "`%s` is not a local authority code", t);
            char up[16];
            size_t l = strlen(t);
            for (size_t k = 0; k < l && k + 1 < sizeof up; k++)
                up[k] = t[k] >= 'a' && t[k] <= 'z' ? (char)(t[k] - 'a' + 'A') : t[k];
            up[l < sizeof up ? l : sizeof up - 1] = '\0';
            if (strcmp(up, t) != 0 && sr_gss_code_ok(up))
                sr_diag_hint(g, "write its letter as a capital, as the DfE's files do: %s", up);
            else
                sr_diag_hint(g, "write the code the DfE's files give in `new_la_code`: a "
                                "capital letter and eight digits, such as E08000007");
            ok = false;
            continue;
        }
        bool own = false;
        for (size_t k = 0; k < nseen && !own; k++)
            own = strcmp(seen[k], t) == 0;
        if (own) {
            sr_diag_hint(sr_diag_add(d, SR_ERROR, sr_ynode_loc(c),
                                     "`%s` is the area's own code, not a neighbour's", t),
                         "the area is compared with its neighbours: leave it out of `codes`");
            ok = false;
            continue;
        }
        bool again = false;
        for (size_t k = 0; k < *n && !again; k++)
            again = strcmp((*codes)[k], t) == 0;
        if (again) {
            sr_diag_hint(sr_diag_add(d, SR_ERROR, sr_ynode_loc(c), "`%s` is listed twice", t),
                         "list each %s once", what);
            ok = false;
            continue;
        }
        (*locs)[*n] = sr_ynode_loc(c);
        (*codes)[(*n)++] = t;
    }
    return ok;
}

/* `benchmarks:`: the area's codes and its statistical neighbours. */
static bool read_benchmarks(sr_arena *a, sr_diags *d, sr_partnership *p, const sr_ynode *root)
{
    const sr_ynode *b = sr_ymap_get(root, "benchmarks");
    if (!b || b->kind != SR_Y_MAP)
        return true;
    p->has_benchmarks = true;
    p->benchmarks_loc = sr_ymap_key(root, "benchmarks")->loc;
    bool ok = read_codes(a, d, sr_ymap_get(b, "local_authorities"), &p->bench_las,
                         &p->bench_la_locs, &p->nbench_las, NULL, 0, "local authority");
    /* Two or more: the comparisons are of their figures together (counts
     * added, rates and percentages weighted; see metrics/bench.h). */
    if (ok && p->nbench_las == 0) {
        const sr_ynode *k = sr_ymap_key(b, "local_authorities");
        sr_diag_hint(sr_diag_add(d, SR_ERROR, k ? k->loc : p->benchmarks_loc,
                                 "`local_authorities` names no local authority"),
                     "give the area's code, as the DfE's files write it in `new_la_code`, "
                     "such as [E08000007]");
        ok = false;
    }
    const sr_ynode *rg = sr_ymap_get(b, "region");
    const char *rt = sr_ynode_text(rg);
    if (rt) {
        if (!sr_gss_code_ok(rt) || strncmp(rt, "E12", 3) != 0) {
            sr_diag_hint(
                sr_diag_add(d, SR_ERROR, sr_ynode_loc(rg), "`%s` is not a region code", rt),
                "write the code the DfE's files give in `region_code`, such as "
                "E12000002 (North West)");
            ok = false;
        } else {
            p->bench_region = rt;
            p->bench_region_loc = sr_ynode_loc(rg);
        }
    }
    const sr_ynode *sn = sr_ymap_get(b, "statistical_neighbours");
    if (!sn || sn->kind != SR_Y_MAP)
        return ok;
    if (!read_codes(a, d, sr_ymap_get(sn, "codes"), &p->neighbours, &p->neighbour_locs,
                    &p->nneighbours, p->bench_las, p->nbench_las, "neighbour"))
        ok = false;
    const sr_ynode *asof = sr_ymap_get(sn, "as_of");
    const char *t = sr_ynode_text(asof);
    p->neighbours_source = sr_ynode_text(sr_ymap_get(sn, "source"));
    if (t) {
        int y = 0, m = 0;
        char extra;
        if (strlen(t) != 7 || sscanf(t, "%4d-%2d%c", &y, &m, &extra) != 2 || y < 2000 || m < 1 ||
            m > 12) {
            sr_diag_hint(sr_diag_add(d, SR_ERROR, sr_ynode_loc(asof),
                                     "`%s` is not a month written YYYY-MM", t),
                         "give the month the list was published, such as 2025-05");
            ok = false;
        }
        p->neighbours_as_of = t;
    } else if (p->nneighbours) {
        const sr_ynode *k = sr_ymap_key(b, "statistical_neighbours");
        sr_diag_hint(sr_diag_add(d, SR_ERROR, k->loc,
                                 "the statistical neighbours need the list's date, `as_of`"),
                     "the DfE refreshes the lists (the last in May 2025): add `as_of: YYYY-MM`, "
                     "the month of the list the codes come from");
        ok = false;
    }
    return ok;
}

/* A mapping of reporting years to names, sorted by year. */
static sr_partner_name *by_year(sr_arena *a, const sr_ynode *map, size_t *n)
{
    sr_partner_name *v = sr_arena_alloc(a, (map->n ? map->n : 1) * sizeof *v);
    *n = 0;
    for (size_t k = 0; k < map->n; k++) {
        int y = atoi(map->items[2 * k]->text);
        const char *nm = sr_ynode_text(map->items[2 * k + 1]);
        size_t at = *n;
        while (at > 0 && v[at - 1].from_year > y) {
            v[at] = v[at - 1];
            at--;
        }
        v[at] = (sr_partner_name){y, nm};
        (*n)++;
    }
    return v;
}

/* lead_partners: each names a partner, once. */
static bool read_leads(sr_arena *a, sr_diags *d, sr_partnership *p, const sr_ynode *root)
{
    const sr_ynode *list = sr_ymap_get(root, "lead_partners");
    if (!list || list->kind != SR_Y_SEQ)
        return true;
    sr_ynode *key = sr_ymap_key(root, "lead_partners");
    if (key)
        p->lead_partners_loc = key->loc;
    p->lead_partners = sr_arena_alloc(a, (list->n ? list->n : 1) * sizeof *p->lead_partners);
    bool ok = true;
    for (size_t i = 0; i < list->n; i++) {
        const sr_ynode *e = list->items[i], *pn = sr_ymap_get(e, "partner");
        const char *id = sr_ynode_text(pn);
        if (!id)
            continue;
        if (!sr_partnership_find(p, id)) {
            sr_diag *g =
                sr_diag_add(d, SR_ERROR, pn->loc, "`%s` is not one of the partners listed", id);
            const char *best = sr_suggest(id, p->ids, p->npartners);
            if (best)
                sr_diag_hint(g, "did you mean `%s`?", best);
            else
                sr_diag_hint(g, "a lead safeguarding partner is named by its id under `partners`");
            ok = false;
            continue;
        }
        if (sr_partnership_lead(p, id))
            continue; /* given twice: the schema has said so */
        p->lead_partners[p->nlead_partners++] = (sr_lead_partner){
            id,
            sr_ynode_text(sr_ymap_get(e, "lead")),
            sr_ynode_text(sr_ymap_get(e, "lead_name")),
            sr_ynode_text(sr_ymap_get(e, "delegate")),
            sr_ynode_text(sr_ymap_get(e, "delegate_name")),
            e->loc,
        };
    }
    return ok;
}

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

/* text in lower-case ASCII letters and digits, other runs as one hyphen. */
static void file_slug(const char *text, char *buf, size_t size)
{
    size_t o = 0;
    bool dash = false;
    for (const unsigned char *s = (const unsigned char *)text; *s && size; s++) {
        bool keep =
            (*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9');
        if (!keep) {
            dash = true;
            continue;
        }
        if (o + (dash && o ? 2 : 1) >= size)
            break;
        if (dash && o)
            buf[o++] = '-';
        dash = false;
        buf[o++] = (char)(*s >= 'A' && *s <= 'Z' ? *s - 'A' + 'a' : *s);
    }
    if (size)
        buf[o] = '\0';
}

/* At most 64 characters: lower-case letters, digits, single inner hyphens. */
static bool file_name_ok(const char *s)
{
    char want[80];
    file_slug(s, want, sizeof want);
    return strlen(s) <= 64 && strcmp(s, want) == 0;
}

const char *sr_partnership_file_stem(sr_arena *a, const sr_partnership *p)
{
    if (p->file_name)
        return p->file_name;
    char buf[80];
    file_slug(p->short_name ? p->short_name : "", buf, sizeof buf);
    if (!buf[0])
        file_slug(p->name ? p->name : "", buf, sizeof buf);
    return sr_arena_strdup(a, buf[0] ? buf : "partnership");
}

static sr_partnership *from_tree(sr_arena *a, sr_diags *d, const sr_source *src, sr_ynode *root)
{
    /* Checked without a figure store; the values are read from the tree
     * below once the schema has accepted them. */
    if (!sr_schema_check_file_strict(a, d, src, &sr_partnership_schema, root, true))
        return NULL;

    sr_partnership *p = sr_arena_alloc(a, sizeof *p);
    p->path = sr_arena_strdup(a, src->name);
    const sr_ynode *about = sr_ymap_get(root, "partnership");
    p->name = sr_ynode_text(sr_ymap_get(about, "name"));
    p->short_name = sr_ynode_text(sr_ymap_get(about, "short_name"));
    p->area = sr_ynode_text(sr_ymap_get(about, "area"));
    p->email = sr_ynode_text(sr_ymap_get(about, "email"));
    bool addresses_ok = sr_email_check(d, sr_ymap_get(about, "email"), "the partnership's email");
    const sr_ynode *fn = sr_ymap_get(about, "file_name");
    p->file_name = sr_ynode_text(fn);
    if (p->file_name && !file_name_ok(p->file_name)) {
        char want[128];
        file_slug(p->file_name, want, sizeof want);
        sr_diag *g = sr_diag_add(d, SR_ERROR, sr_ynode_loc(fn),
                                 "`%s` cannot start the report's file names", p->file_name);
        if (want[0])
            sr_diag_hint(g, "use lower-case letters a-z, digits and hyphens, such as `%s`", want);
        else
            sr_diag_hint(g, "use lower-case letters a-z, digits and hyphens, such as "
                            "`example-scp`");
        return NULL;
    }

    const sr_ynode *list = sr_ymap_get(root, "partners");
    sr_ynode *pkey = sr_ymap_key(root, "partners");
    if (pkey)
        p->partners_loc = pkey->loc;
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
            pt->names = by_year(a, names, &pt->nnames);
        } else {
            pt->names = sr_arena_alloc(a, sizeof *pt->names);
            pt->names[0] = (sr_partner_name){0, sr_ynode_text(sr_ymap_get(e, "name"))};
            pt->nnames = 1;
        }
        const sr_ynode *shorts = sr_ymap_get(e, "short_names");
        if (shorts && shorts->kind == SR_Y_MAP)
            pt->short_names = by_year(a, shorts, &pt->nshort_names);
        const sr_ynode *sub = sr_ymap_get(e, "submits");
        if (sub && sub->kind == SR_Y_SEQ) {
            pt->submits = sr_arena_alloc(a, (sub->n ? sub->n : 1) * sizeof *pt->submits);
            for (size_t k = 0; k < sub->n; k++)
                if (sr_ynode_text(sub->items[k]))
                    pt->submits[pt->nsubmits++] = sub->items[k]->text;
        }
        p->ids[p->npartners++] = pt->id;
    }

    if (!read_leads(a, d, p, root))
        return NULL;

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
    p->population_source = sr_ynode_text(sr_ymap_get(sr_ymap_get(root, "population"), "source"));
    /* The partnership's own additions to the edition's recipients; the
     * edition's list and these are merged when a year is published
     * (sr_guidance_recipients). */
    const sr_ynode *rl = sr_ymap_get(root, "recipients");
    if (rl && rl->kind == SR_Y_SEQ && rl->n) {
        p->recipients = sr_arena_alloc(a, rl->n * sizeof *p->recipients);
        for (size_t k = 0; k < rl->n; k++) {
            const sr_ynode *e = rl->items[k];
            if (!sr_email_check(d, sr_ymap_get(e, "email"), "the recipient's email"))
                addresses_ok = false;
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
    const sr_ynode *thn = sr_ymap_get(opt, "suppression_threshold");
    const char *th = sr_ynode_text(thn);
    char *end = NULL;
    long long t = th ? strtoll(th, &end, 10) : 5;
    /* The threshold is a rule, not a figure: "not available" (or 0) would
     * switch disclosure control off without a word. */
    if (th && (end == th || *end || t < 1)) {
        sr_diag *bad = sr_diag_add(d, SR_ERROR, sr_ynode_loc(thn),
                                   "`suppression_threshold` must be a whole number of 1 or more, "
                                   "not `%s`",
                                   th);
        sr_diag_hint(bad, "it is the largest count hidden as [c], such as 5; leave it out for 5");
        return NULL;
    }
    p->suppression_threshold = t;
    if (!read_benchmarks(a, d, p, root))
        return NULL;
    /* An address that is not one would go into the messages' headers. */
    if (!addresses_ok)
        return NULL;
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

const char *sr_partner_short_in(const sr_partner *pt, int year)
{
    if (pt->short_name)
        return pt->short_name;
    const char *s = NULL;
    for (size_t i = 0; i < pt->nshort_names; i++)
        if (pt->short_names[i].from_year <= year && pt->short_names[i].name)
            s = pt->short_names[i].name;
    return s ? s : sr_partner_name_in(pt, year);
}

const sr_lead_partner *sr_partnership_lead(const sr_partnership *p, const char *id)
{
    for (size_t i = 0; i < p->nlead_partners; i++)
        if (strcmp(p->lead_partners[i].partner, id) == 0)
            return &p->lead_partners[i];
    return NULL;
}

int64_t sr_partnership_population(const sr_partnership *p, int year)
{
    for (size_t i = 0; i < p->npopulation; i++)
        if (p->population_years[i] == year)
            return p->population[i];
    return -1;
}

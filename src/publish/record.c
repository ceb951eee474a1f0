/* record: the build record and the inputs' hash, see record.h. */
#include "publish/record.h"

#include "core/buf.h"
#include "core/fmt.h"
#include "core/fsutil.h"
#include "core/strmap.h"
#include "data/dataset.h"
#include "data/guidance.h"
#include "data/loader.h"
#include "data/overlay.h"
#include "publish/dates.h"

#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

bool sr_sha256_file(const char *path, char hex[SR_SHA256_HEX], int64_t *bytes)
{
    char *data;
    size_t len;
    if (sr_read_file(path, (size_t)1 << 30, &data, &len) != SR_READ_OK)
        return false;
    gchar *h = g_compute_checksum_for_data(G_CHECKSUM_SHA256, (const guchar *)data, len);
    snprintf(hex, SR_SHA256_HEX, "%s", h);
    g_free(h);
    free(data);
    if (bytes)
        *bytes = (int64_t)len;
    return true;
}

/* Each file's name and contents, in a fixed order, into the checksum. */
static void add_file(GChecksum *c, const char *path, const char *shown)
{
    char *data;
    size_t len;
    g_checksum_update(c, (const guchar *)shown, (gssize)strlen(shown) + 1);
    if (sr_read_file(path, (size_t)1 << 30, &data, &len) == SR_READ_OK) {
        char n[32];
        snprintf(n, sizeof n, "%zu:", len);
        g_checksum_update(c, (const guchar *)n, (gssize)strlen(n));
        g_checksum_update(c, (const guchar *)data, (gssize)len);
        free(data);
    } else {
        g_checksum_update(c, (const guchar *)"missing", 7);
    }
}

static void add_dir(GChecksum *c, const char *dir, const char *suffix, const char *label)
{
    char **names = sr_list_dir(dir, suffix);
    for (char **p = names; p && *p; p++) {
        if (strcmp(*p, "publication.yaml") == 0)
            continue; /* publishing records a report; it does not change it */
        char *path = sr_path_join(dir, *p);
        char *shown = sr_path_join(label, *p);
        add_file(c, path, shown);
        free(path);
        free(shown);
    }
    sr_free_names(names);
}

/* Adds to used every id year y names that could be a partner's: a file's
 * sender, a value (an income line's partner), a list entry's identity
 * (`members[police]`, `lines[probation]`). One pass over the figures, so
 * the partners are looked up, not searched for, one by one. */
static void partners_used(const sr_year *y, sr_strmap *used)
{
    for (size_t i = 0; i < y->nsubs; i++)
        if (y->subs[i].partner)
            sr_strmap_put(used, y->subs[i].partner, 1);
    for (size_t i = 0; i < y->figs.n; i++) {
        const sr_figure *f = &y->figs.v[i];
        if (f->submitter)
            sr_strmap_put(used, f->submitter, 1);
        if (f->v.kind == SR_V_ID && f->v.text)
            sr_strmap_put(used, f->v.text, 1);
        for (const char *q = strchr(f->path, '['); q; q = strchr(q + 1, '[')) {
            const char *e = strchr(q + 1, ']');
            if (!e)
                break;
            char *id = g_strndup(q + 1, (gsize)(e - q - 1));
            sr_strmap_put(used, id, 1);
            g_free(id);
        }
    }
}

static void canon_line(sr_buf *b, const char *key, const char *value)
{
    sr_buf_printf(b, "%s=", key);
    sr_buf_json_escaped(b, value ? value : "(none)");
    sr_buf_putc(b, '\n');
}

void sr_partnership_canonical(const sr_dataset *ds, const sr_guidance *g, sr_buf *b)
{
    const sr_partnership *p = ds->p;
    canon_line(b, "name", p->name);
    canon_line(b, "short_name", p->short_name);
    canon_line(b, "area", p->area);
    canon_line(b, "email", p->email);
    canon_line(b, "file_name", p->file_name);
    canon_line(b, "guidance", g ? g->id : NULL);
    for (size_t i = 0; g && i < g->nkeywords; i++)
        canon_line(b, "guidance.keyword", g->keywords[i]);
    for (size_t i = 0; g && i < g->nduties; i++)
        canon_line(b, "guidance.duty", g->duties[i].id);
    sr_buf_printf(b, "disclosure_control=%d\nsuppression_threshold=%lld\n",
                  (int)p->disclosure_control, (long long)p->suppression_threshold);
    /* The partners the report can show, in partnership order (the order of
     * the attendance chart's rows): the statutory ones and any named by the
     * years' figures. Others do not reach the report. */
    sr_strmap named = SR_STRMAP_INIT;
    for (size_t i = 0; i < ds->nyears; i++)
        if (ds->have[i])
            partners_used(ds->have[i], &named);
    for (size_t k = 0; k < p->npartners; k++) {
        const sr_partner *pt = &p->partners[k];
        if (!pt->statutory && !sr_strmap_get(&named, pt->id))
            continue;
        canon_line(b, "partner", pt->id);
        sr_buf_printf(b, "statutory=%d\n", (int)pt->statutory);
        for (size_t i = 0; i < ds->nyears; i++)
            if (ds->have[i]) {
                char y[16];
                sr_fmt_year(ds->have[i]->year, y, sizeof y);
                sr_buf_printf(b, "%s:", y);
                canon_line(b, "name", sr_partner_name_in(pt, ds->have[i]->year));
                sr_buf_printf(b, "%s:", y);
                canon_line(b, "short_name", sr_partner_short_in(pt, ds->have[i]->year));
            }
    }
    sr_strmap_free(&named);
    /* The lead safeguarding partners, whom the report lists. */
    for (size_t i = 0; i < p->nlead_partners; i++) {
        const sr_lead_partner *lp = &p->lead_partners[i];
        canon_line(b, "lead_partner", lp->partner);
        canon_line(b, "lead", lp->lead);
        canon_line(b, "lead_name", lp->lead_name);
        canon_line(b, "delegate", lp->delegate);
        canon_line(b, "delegate_name", lp->delegate_name);
    }
    for (size_t i = 0; i < ds->nyears; i++) {
        int y = ds->year0 - (int)i;
        sr_buf_printf(b, "population %d=%lld\n", y, (long long)sr_partnership_population(p, y));
    }
}

/* What the year's report uses of partnership.yaml, in a canonical form: a
 * partner added, a comment, or the file's order changed leaves it as it
 * was. When the file cannot be read as a partnership, its bytes. */
static void add_partnership(GChecksum *c, const sr_dataset *ds, const char *data_dir,
                            const char *templates_dir, int year)
{
    if (!ds->p) {
        char *p = sr_path_join(data_dir, "partnership.yaml");
        add_file(c, p, "partnership.yaml");
        free(p);
        return;
    }
    sr_diags quiet;
    sr_diags_init(&quiet);
    sr_arena *a = sr_arena_new();
    const sr_guidance *g = sr_guidance_for_year(a, &quiet, templates_dir, ds->p, year);
    sr_buf b = SR_BUF_INIT;
    sr_buf_puts(&b, "partnership.yaml (as used)\n");
    sr_partnership_canonical(ds, g, &b);
    g_checksum_update(c, (const guchar *)b.data, (gssize)b.len);
    sr_buf_free(&b);
    sr_arena_free(a);
    sr_diags_free(&quiet);
}

void sr_inputs_hash_of(const sr_dataset *ds, const char *data_dir, const char *templates_dir,
                       const char *fonts_dir, char hex[SR_SHA256_HEX])
{
    int year = ds->year0;
    GChecksum *c = g_checksum_new(G_CHECKSUM_SHA256);
    g_checksum_update(c, (const guchar *)"sscp-report " SSCP_VERSION, -1);
    add_partnership(c, ds, data_dir, templates_dir, year);
    for (int i = 0; i < SR_MAX_YEARS; i++) {
        char y[16];
        sr_fmt_year(year - i, y, sizeof y);
        char *d = sr_path_join(data_dir, y);
        add_dir(c, d, ".yaml", y);
        char *n = sr_path_join(d, "narrative");
        char *label = sr_path_join(y, "narrative");
        add_dir(c, n, ".md", label);
        free(label);
        free(n);
        free(d);
    }
    add_dir(c, templates_dir, ".yaml", "templates");
    /* The partnership's own template files, layered over those (the label
     * differs from the template folder's, so moving a file between the two
     * changes the hash). */
    char *own = sr_path_join(data_dir, SR_LAYER_DIR);
    add_dir(c, own, ".yaml", "data-templates");
    free(own);
    add_dir(c, fonts_dir, ".ttf", "fonts");
    add_dir(c, fonts_dir, ".otf", "fonts");
    snprintf(hex, SR_SHA256_HEX, "%s", g_checksum_get_string(c));
    g_checksum_free(c);
}

void sr_inputs_hash(const char *data_dir, const char *templates_dir, const char *fonts_dir,
                    int year, char hex[SR_SHA256_HEX])
{
    sr_dataset ds;
    sr_dataset_load(&ds, data_dir, year, SR_MAX_YEARS);
    sr_inputs_hash_of(&ds, data_dir, templates_dir, fonts_dir, hex);
    sr_dataset_free(&ds);
}

int sr_build_record_write(const char *out_dir, const sr_build_record *rec)
{
    sr_buf b = SR_BUF_INIT;
    char y[16], built[16];
    sr_fmt_year(rec->year, y, sizeof y);
    snprintf(built, sizeof built, "%04d-%02d-%02d", rec->built / 10000, rec->built / 100 % 100,
             rec->built % 100);
    sr_buf_printf(&b,
                  "# Written by sscp-report build: what this report was made from and what "
                  "it made.\n# status and publish read it; do not edit it.\nformat: 1\n"
                  "year: %s\nfinal: %s\nbuilt: %s\ninputs: %s\noutputs:\n",
                  y, rec->final ? "yes" : "no", built, rec->inputs);
    for (size_t i = 0; i < rec->noutputs; i++)
        sr_buf_printf(&b, "  - {name: \"%s\", bytes: %lld, sha256: %s}\n", rec->outputs[i].name,
                      (long long)rec->outputs[i].bytes, rec->outputs[i].sha256);
    char *path = sr_path_join(out_dir, "build-record.yaml");
    int r = sr_write_file_atomic(path, b.data, b.len);
    free(path);
    sr_buf_free(&b);
    return r;
}

sr_build_record *sr_build_record_read(sr_arena *a, const char *out_dir)
{
    char *path = sr_path_join(out_dir, "build-record.yaml");
    if (sr_path_kind_of(path) != SR_PATH_FILE) {
        free(path);
        return NULL;
    }
    sr_diags quiet;
    sr_diags_init(&quiet);
    const sr_source *src;
    sr_ynode *root = sr_load_yaml_file(a, &quiet, path, &src);
    free(path);
    sr_build_record *r = NULL;
    const char *year = sr_ynode_text(sr_ymap_get(root, "year"));
    const char *inputs = sr_ynode_text(sr_ymap_get(root, "inputs"));
    const char *built = sr_ynode_text(sr_ymap_get(root, "built"));
    const char *final = sr_ynode_text(sr_ymap_get(root, "final"));
    if (root && year && inputs && strlen(inputs) == 64 && built) {
        r = sr_arena_alloc(a, sizeof *r);
        r->year = sr_year_from_name(year);
        r->final = final && strcmp(final, "yes") == 0;
        sr_parse_ymd(built, &r->built);
        snprintf(r->inputs, sizeof r->inputs, "%s", inputs);
        const sr_ynode *outs = sr_ymap_get(root, "outputs");
        size_t n = outs && outs->kind == SR_Y_SEQ ? outs->n : 0;
        r->outputs = sr_arena_alloc(a, (n ? n : 1) * sizeof *r->outputs);
        for (size_t i = 0; i < n; i++) {
            const sr_ynode *e = outs->items[i];
            const char *name = sr_ynode_text(sr_ymap_get(e, "name"));
            const char *bytes = sr_ynode_text(sr_ymap_get(e, "bytes"));
            const char *sha = sr_ynode_text(sr_ymap_get(e, "sha256"));
            if (!name || !bytes || !sha)
                continue;
            sr_record_file *o = &r->outputs[r->noutputs++];
            o->name = name;
            o->bytes = strtoll(bytes, NULL, 10);
            snprintf(o->sha256, sizeof o->sha256, "%s", sha);
        }
    }
    sr_diags_free(&quiet);
    return r;
}

const sr_record_file *sr_build_record_changed(const sr_build_record *rec, const char *out_dir)
{
    for (size_t i = 0; i < rec->noutputs; i++) {
        char *path = sr_path_join(out_dir, rec->outputs[i].name), hex[SR_SHA256_HEX];
        bool same = sr_sha256_file(path, hex, NULL) && strcmp(hex, rec->outputs[i].sha256) == 0;
        free(path);
        if (!same)
            return &rec->outputs[i];
    }
    return NULL;
}

/* record: the build record and the inputs' hash, see record.h. */
#include "publish/record.h"

#include "chart/fonts.h"
#include "core/buf.h"
#include "core/filehash.h"
#include "core/fmt.h"
#include "core/fsutil.h"
#include "core/json.h"
#include "core/strmap.h"
#include "data/dataset.h"
#include "data/guidance.h"
#include "data/loader.h"
#include "data/overlay.h"
#include "data/yamlout.h"
#include "publish/dates.h"

#include <errno.h>
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
    sr_sha256_hex(data, len, hex);
    free(data);
    if (bytes)
        *bytes = (int64_t)len;
    return true;
}

/* The name of the cache of the fonts' hashes, in the folder fontconfig's
 * cache is in (chart/fonts.h). */
#define FONT_HASHES "sscp-report-font-hashes"

/* The cache of the fonts' hashes; without a folder for it, none (every
 * font is read: sr_fonts_open() reports the folder's fault). */
static sr_hash_cache *font_cache_open(void)
{
    char err[1024];
    char *dir = sr_fonts_cache_dir(err, sizeof err);
    char *path = dir ? sr_path_join(dir, FONT_HASHES) : NULL;
    sr_hash_cache *c = sr_hash_cache_open(path);
    free(path);
    free(dir);
    return c;
}

/* One file into the checksum: its name as shown, then its size and
 * SHA-256, or "missing". With a log of what a build read (seen), the bytes
 * the build read stand for the file, whatever it holds now; a file read
 * twice with different bytes makes a hash nothing will match. A file the
 * build did not read is read now, but for a font (fonts not NULL), whose
 * hash comes from the cache *fonts (opened on first use) when it holds it. */
static void add_file(GChecksum *c, const char *path, const char *shown, const sr_file_log *seen,
                     sr_hash_cache **fonts)
{
    g_checksum_update(c, (const guchar *)shown, (gssize)strlen(shown) + 1);
    const sr_logged_file *f = sr_file_log_find(seen, path);
    char n[32 + SR_SHA256_HEX];
    if (f && f->changed) {
        g_checksum_update(c, (const guchar *)"changed while read", -1);
    } else if (f && f->missing) {
        g_checksum_update(c, (const guchar *)"missing", 7);
    } else if (f) {
        snprintf(n, sizeof n, "%lld:%s", f->bytes, f->sha256);
        g_checksum_update(c, (const guchar *)n, (gssize)strlen(n));
    } else {
        char hex[SR_SHA256_HEX];
        int64_t len;
        long long flen;
        bool ok;
        if (fonts) {
            if (!*fonts)
                *fonts = font_cache_open();
            ok = sr_hash_cache_file(*fonts, path, hex, &flen);
            len = flen;
        } else {
            ok = sr_sha256_file(path, hex, &len);
        }
        if (ok) {
            snprintf(n, sizeof n, "%lld:%s", (long long)len, hex);
            g_checksum_update(c, (const guchar *)n, (gssize)strlen(n));
        } else {
            g_checksum_update(c, (const guchar *)"missing", 7);
        }
    }
}

static bool ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    return n >= k && strcmp(s + n - k, suffix) == 0;
}

static bool has_name(char **names, const char *name)
{
    for (char **p = names; p && *p; p++)
        if (strcmp(*p, name) == 0)
            return true;
    return false;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The files of dir whose names end with suffix ("" for all), in byte
 * order: those there now, and those a build saw (listed or read). When the
 * build listed dir, what is there now is not listed: a name only there now
 * would be left out below (the build did not see it), or is a file the
 * build read, which the log holds. fonts: see add_file(). */
static void add_dir(GChecksum *c, const char *dir, const char *suffix, const char *label,
                    const sr_file_log *seen, sr_hash_cache **fonts)
{
    const sr_logged_dir *then = sr_file_log_find_dir(seen, dir);
    char **now = then ? NULL : sr_list_dir(dir, suffix);
    if (then && then->changed)
        g_checksum_update(c, (const guchar *)"folder changed while read", -1);
    size_t n = 0, cap = 16;
    char **names = sr_xmalloc(cap * sizeof *names);
#define ADD_NAME(x)                                                                                \
    do {                                                                                           \
        if (n == cap)                                                                              \
            names = sr_xrealloc(names, (cap *= 2) * sizeof *names);                                \
        names[n++] = (x);                                                                          \
    } while (0)
    for (char **p = now; p && *p; p++)
        ADD_NAME(*p);
    for (char **p = then ? then->names : NULL; p && *p; p++)
        if (ends_with(*p, suffix))
            ADD_NAME(*p);
    char *key = seen ? sr_path_normalised(dir) : NULL;
    size_t klen = key ? strlen(key) : 0;
    for (size_t i = 0; seen && i < seen->nfiles; i++) {
        const char *f = seen->files[i].path;
        if (!seen->files[i].missing && strncmp(f, key, klen) == 0 && f[klen] == '/' &&
            !strchr(f + klen + 1, '/') && f[klen + 1] != '.' && ends_with(f + klen + 1, suffix))
            ADD_NAME((char *)f + klen + 1);
    }
#undef ADD_NAME
    free(key);
    qsort(names, n, sizeof *names, cmp_str);
    for (size_t i = 0; i < n; i++) {
        if ((i && strcmp(names[i], names[i - 1]) == 0) || strcmp(names[i], "publication.yaml") == 0)
            continue; /* publishing records a report; it does not change it */
        char *path = sr_path_join(dir, names[i]);
        /* Put there after the build had listed the folder, and not read:
         * the build did not see it, so it is not part of what it made. */
        if (then && !has_name(then->names, names[i]) && !sr_file_log_find(seen, path)) {
            free(path);
            continue;
        }
        char *shown = sr_path_join(label, names[i]);
        add_file(c, path, shown, seen, fonts);
        free(path);
        free(shown);
    }
    free(names);
    sr_free_names(now);
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
    sr_json_escape(b, value ? value : "(none)");
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
                            const char *templates_dir, int year, const sr_file_log *seen)
{
    if (!ds->p) {
        char *p = sr_path_join(data_dir, "partnership.yaml");
        add_file(c, p, "partnership.yaml", seen, NULL);
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
    sr_inputs_hash_seen(ds, data_dir, templates_dir, fonts_dir, NULL, hex);
}

void sr_inputs_read_fonts(const char *fonts_dir)
{
    sr_hash_cache *cache = font_cache_open();
    char **names = sr_list_dir(fonts_dir, "");
    for (char **p = names; p && *p; p++) {
        if (!ends_with(*p, ".ttf") && !ends_with(*p, ".otf"))
            continue;
        char *path = sr_path_join(fonts_dir, *p), hex[SR_SHA256_HEX];
        long long len;
        /* Noted in the read log, from the cache or as read. */
        (void)sr_hash_cache_file(cache, path, hex, &len);
        free(path);
    }
    sr_free_names(names);
    sr_hash_cache_close(cache);
}

void sr_inputs_hash_seen(const sr_dataset *ds, const char *data_dir, const char *templates_dir,
                         const char *fonts_dir, const sr_file_log *seen, char hex[SR_SHA256_HEX])
{
    /* The hash itself reads what the build did not; that is not a build's
     * reading, and it must not be noted as such. */
    sr_log_reads(NULL);
    int year = ds->year0;
    GChecksum *c = g_checksum_new(G_CHECKSUM_SHA256);
    g_checksum_update(c, (const guchar *)"sscp-report " SSCP_VERSION " inputs 2", -1);
    add_partnership(c, ds, data_dir, templates_dir, year, seen);
    /* The cover's logo, when there is one (none leaves the hash as it was). */
    char *logo = sr_path_join(data_dir, SR_LOGO_FILE);
    if (sr_path_kind_of(logo) != SR_PATH_NONE)
        add_file(c, logo, SR_LOGO_FILE, seen, NULL);
    free(logo);
    for (int i = 0; i < SR_MAX_YEARS; i++) {
        char y[16];
        sr_fmt_year(year - i, y, sizeof y);
        char *d = sr_path_join(data_dir, y);
        add_dir(c, d, ".yaml", y, seen, NULL);
        /* Every file of the narrative folder, whatever its name: a section
         * may take any file there. */
        char *n = sr_path_join(d, "narrative");
        char *label = sr_path_join(y, "narrative");
        add_dir(c, n, "", label, seen, NULL);
        free(label);
        free(n);
        free(d);
    }
    add_dir(c, templates_dir, ".yaml", "templates", seen, NULL);
    /* The partnership's own template files, layered over those (the label
     * differs from the template folder's, so moving a file between the two
     * changes the hash). */
    char *own = sr_path_join(data_dir, SR_LAYER_DIR);
    add_dir(c, own, ".yaml", "data-templates", seen, NULL);
    free(own);
    sr_hash_cache *fonts = NULL;
    add_dir(c, fonts_dir, ".ttf", "fonts", seen, &fonts);
    add_dir(c, fonts_dir, ".otf", "fonts", seen, &fonts);
    sr_hash_cache_close(fonts);
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

void sr_record_files_yaml(sr_yout *w, const sr_record_file *files, size_t n)
{
    sr_yout_seq(w);
    for (size_t i = 0; i < n; i++) {
        sr_yout_item(w), sr_yout_flow_map(w);
        sr_yout_key(w, "name"), sr_yout_quoted(w, files[i].name);
        sr_yout_key(w, "bytes"), sr_yout_int(w, (long long)files[i].bytes);
        sr_yout_key(w, "sha256"), sr_yout_token(w, files[i].sha256);
        sr_yout_end(w);
    }
    sr_yout_end(w);
}

int sr_build_record_write(const char *out_dir, const sr_build_record *rec)
{
    sr_buf b = SR_BUF_INIT;
    char y[16], built[16];
    sr_fmt_year(rec->year, y, sizeof y);
    snprintf(built, sizeof built, "%04d-%02d-%02d", rec->built / 10000, rec->built / 100 % 100,
             rec->built % 100);
    sr_yout w;
    sr_yout_init(&w, &b);
    sr_yout_comment(&w, "Written by sscp-report build: what this report was made from and what "
                        "it made.\nstatus and publish read it; do not edit it.");
    sr_yout_map(&w);
    sr_yout_key(&w, "format"), sr_yout_int(&w, 1);
    sr_yout_key(&w, "year"), sr_yout_token(&w, y);
    sr_yout_key(&w, "final"), sr_yout_token(&w, rec->final ? "yes" : "no");
    sr_yout_key(&w, "built"), sr_yout_token(&w, built);
    sr_yout_key(&w, "inputs"), sr_yout_token(&w, rec->inputs);
    sr_yout_key(&w, "outputs");
    sr_record_files_yaml(&w, rec->outputs, rec->noutputs);
    sr_yout_end(&w);
    if (!sr_yout_finish(&w)) {
        /* Only text that is not UTF-8 can stop it: a file name. */
        sr_buf_free(&b);
        errno = EILSEQ;
        return -1;
    }
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

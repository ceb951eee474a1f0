/* loader: files -> figures, see loader.h. */
#include "data/loader.h"

#include "core/encoding.h"
#include "core/fmt.h"
#include "core/fsutil.h"
#include "core/strmap.h"
#include "data/schema_defs.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

sr_diag *sr_report_read_error(sr_diags *d, const char *path, sr_read_status st, size_t size,
                              const char *outside)
{
    int e = errno;
    sr_source *src = sr_diags_add_source(d, path, NULL, 0);
    /* Too large, a device or a link out of the folder: the data is wrong,
     * not the disk. Anything else is an I/O failure (exit status 3). */
    if (st == SR_READ_TOO_LARGE || st == SR_READ_NOT_REGULAR || st == SR_READ_OUTSIDE)
        src->checked = true;
    else
        d->io_errors++;
    sr_loc at = {src, 0, 0, 0};
    sr_diag *g;
    switch (st) {
    case SR_READ_NOT_FOUND:
        g = sr_diag_add(d, SR_ERROR, at, "no such file");
        sr_diag_hint(g, "check the file name and folder");
        break;
    case SR_READ_IS_DIR:
        g = sr_diag_add(d, SR_ERROR, at, "this is a folder, not a file");
        break;
    case SR_READ_TOO_LARGE:
        g = sr_diag_add(d, SR_ERROR, at,
                        "the file is %zu bytes; a data file may be at most %zu bytes (4 MiB)", size,
                        SR_MAX_FILE_SIZE);
        sr_diag_hint(g, "a submission holds one partner's figures for one year and is a "
                        "few kilobytes; check that this is the right file");
        break;
    case SR_READ_NOT_REGULAR:
        g = sr_diag_add(d, SR_ERROR, at,
                        "this is not an ordinary file (it is a device, a pipe or a socket), so "
                        "it is not read");
        sr_diag_hint(g, "put the partner's file itself here");
        break;
    case SR_READ_OUTSIDE:
        g = sr_diag_add(d, SR_ERROR, at,
                        "this is a link to %s, outside the data folder, so it is not read",
                        outside ? outside : "a file");
        sr_diag_hint(g, "copy the file into the data folder instead of linking to it");
        break;
    default:
        g = sr_diag_add(d, SR_ERROR, at, "cannot read the file: %s", strerror(e));
        break;
    }
    return g;
}

static sr_ynode *load_yaml(sr_arena *a, sr_diags *d, const char *path, const char *root,
                           const char *empty_hint, const sr_source **srcp);

sr_ynode *sr_load_yaml_file(sr_arena *a, sr_diags *d, const char *path, const sr_source **srcp)
{
    return load_yaml(a, d, path, NULL, NULL, srcp);
}

sr_ynode *sr_load_yaml_file_hinted(sr_arena *a, sr_diags *d, const char *path,
                                   const char *empty_hint, const sr_source **srcp)
{
    return load_yaml(a, d, path, NULL, empty_hint, srcp);
}

sr_ynode *sr_load_yaml_file_within(sr_arena *a, sr_diags *d, const char *path, const char *root,
                                   const sr_source **srcp)
{
    return load_yaml(a, d, path, root, NULL, srcp);
}

static sr_ynode *load_yaml(sr_arena *a, sr_diags *d, const char *path, const char *root,
                           const char *empty_hint, const sr_source **srcp)
{
    char *text, *outside;
    size_t size;
    *srcp = NULL;
    sr_read_status st = sr_read_file_within(path, root, SR_MAX_FILE_SIZE, &text, &size, &outside);
    if (st != SR_READ_OK) {
        sr_diag *g = sr_report_read_error(d, path, st, size, outside);
        *srcp = g->loc.src;
        free(outside);
        return NULL;
    }
    sr_source *src = sr_encoding_add_text(d, path, text, size);
    *srcp = src;
    sr_ylimits lim = sr_ylimits_default();
    lim.empty_hint = empty_hint;
    return sr_yaml_load(a, d, src, &lim);
}

void sr_year_init(sr_year *y, int year)
{
    memset(y, 0, sizeof *y);
    y->year = year;
    sr_figures_init(&y->figs);
    sr_rules_init(&y->rules);
}

void sr_year_free(sr_year *y)
{
    sr_figures_free(&y->figs);
    sr_rules_free(&y->rules);
    free(y->subs);
    memset(y, 0, sizeof *y);
}

int sr_year_from_name(const char *name)
{
    if (strlen(name) != 7 || name[4] != '-')
        return 0;
    for (int i = 0; i < 7; i++)
        if (i != 4 && (name[i] < '0' || name[i] > '9'))
            return 0;
    int a = atoi(name), b = atoi(name + 5);
    return b == (a + 1) % 100 && a >= 1990 && a <= 2200 ? a : 0;
}

static void section_of(const char *path, char *buf, size_t size)
{
    size_t n = strcspn(path, ".[");
    snprintf(buf, size, "%.*s", (int)n, path);
}

/* One message per file pair and section, not one per figure. */
static void report_conflicts(sr_loader *l, const sr_conflict *cf, size_t n)
{
    sr_strmap groups = SR_STRMAP_INIT; /* "source index|section" -> first conflict */
    size_t *more = sr_xcalloc(n ? n : 1, sizeof *more);
    for (size_t i = 0; i < n; i++) {
        char sec[64], key[96];
        section_of(cf[i].path, sec, sizeof sec);
        snprintf(key, sizeof key, "%zu|%s", cf[i].first.src->index, sec);
        const size_t *g = sr_strmap_get(&groups, key);
        if (g)
            more[*g]++;
        else
            sr_strmap_put(&groups, key, i);
    }
    for (size_t i = 0; i < n; i++) {
        char sec[64], key[96];
        section_of(cf[i].path, sec, sizeof sec);
        snprintf(key, sizeof key, "%zu|%s", cf[i].first.src->index, sec);
        if (*sr_strmap_get(&groups, key) != i)
            continue;
        sr_diag *g;
        if (more[i])
            g = sr_diag_add(l->d, SR_ERROR, cf[i].again,
                            "`%s` is also given in %s (and %zu more `%s` figures are given in "
                            "both files)",
                            cf[i].path, cf[i].first.src->name, more[i], sec);
        else
            g = sr_diag_add(l->d, SR_ERROR, cf[i].again, "`%s` is also given in %s", cf[i].path,
                            cf[i].first.src->name);
        sr_diag_related(g, cf[i].first, "first given");
        sr_diag_hint(g, "each figure must come from one file only: agree which partner sends "
                        "it and delete it from the other file");
    }
    free(more);
    sr_strmap_free(&groups);
}

static sr_submission *new_submission(sr_year *y, const sr_source *src)
{
    if (y->nsubs == y->cap) {
        y->cap = y->cap ? y->cap * 2 : 8;
        y->subs = sr_xrealloc(y->subs, y->cap * sizeof *y->subs);
    }
    sr_submission *sub = &y->subs[y->nsubs++];
    memset(sub, 0, sizeof *sub);
    sub->src = src;
    return sub;
}

static void check_submission(sr_loader *l, sr_year *y, sr_submission *sub, sr_ynode *root,
                             int folder_year);

void sr_load_submission(sr_loader *l, sr_year *y, const char *path, int folder_year)
{
    const sr_source *src;
    sr_ynode *root = sr_load_yaml_file_within(l->a, l->d, path, l->root, &src);
    sr_submission *sub = new_submission(y, src);
    if (root)
        check_submission(l, y, sub, root, folder_year);
}

void sr_load_submission_source(sr_loader *l, sr_year *y, const sr_source *src, int folder_year)
{
    sr_ylimits lim = sr_ylimits_default();
    sr_ynode *root = sr_yaml_load(l->a, l->d, src, &lim);
    sr_submission *sub = new_submission(y, src);
    if (root)
        check_submission(l, y, sub, root, folder_year);
}

static void check_submission(sr_loader *l, sr_year *y, sr_submission *sub, sr_ynode *root,
                             int folder_year)
{
    const sr_source *src = sub->src;
    char buf[96];
    if (root->kind != SR_Y_MAP) {
        sr_diag *g = sr_diag_add(l->d, SR_ERROR, root->loc,
                                 "a submission must be `key: value` lines, but this file holds %s",
                                 sr_ynode_describe(root, buf, sizeof buf));
        sr_diag_hint(g, "start the file with `format: 1`, `partner:` and `year:` lines");
        return;
    }

    sr_vctx c = {.a = l->a,
                 .d = l->d,
                 .figs = &y->figs,
                 .src = src,
                 .rules = &y->rules,
                 .unknown_keys_are_errors = true};
    if (l->p) {
        c.partner_ids = l->p->ids;
        c.npartners = l->p->npartners;
    }
    /* The header first: the year decides which dates are allowed. */
    const sr_ynode *yn = sr_ymap_get(root, "year");
    if (yn && yn->kind == SR_Y_SCALAR && !sr_ynode_is_null(yn)) {
        sr_diags scratch;
        sr_diags_init(&scratch);
        sr_vctx quiet = c;
        quiet.d = &scratch; /* the schema pass reports a bad year */
        sr_value v;
        if (sr_parse_year(&quiet, yn, "year", &v))
            sub->year = (int)v.i;
        sr_diags_free(&scratch);
    }
    if (folder_year && sub->year && sub->year != folder_year) {
        char said[16], folder[16];
        sr_fmt_year(sub->year, said, sizeof said);
        sr_fmt_year(folder_year, folder, sizeof folder);
        sr_diag *g =
            sr_diag_add(l->d, SR_ERROR, yn->loc,
                        "this file is for %s but it is in the folder for %s", said, folder);
        sr_diag_hint(g, "move the file to the %s folder, or correct `year:`", said);
    }
    c.year = folder_year ? folder_year : sub->year;
    if (!y->year)
        y->year = c.year;
    const sr_ynode *pn = sr_ymap_get(root, "partner");
    if (pn && pn->kind == SR_Y_SCALAR && !sr_ynode_is_null(pn))
        sub->partner = pn->text;
    c.submitter = sub->partner;

    sr_schema_check(&c, &sr_submission_schema, root, "", sr_basename(src->name));
    report_conflicts(l, c.conflicts, c.nconflicts);
    free(c.conflicts);

    /* No sections at all: say so, unless an unknown key (probably a
     * misspelt section, already reported) explains it. */
    bool any = false, unknown = false;
    for (const char *const *s = sr_section_names; *s; s++)
        any |= sr_ymap_get(root, *s) != NULL;
    for (size_t i = 0; i < root->n; i++) {
        const sr_ynode *k = root->items[2 * i];
        bool known = false;
        for (const sr_field *f = sr_submission_schema.fields; f->key && !known; f++)
            known = k->kind == SR_Y_SCALAR && strcmp(f->key, k->text) == 0;
        unknown |= !known;
    }
    if (!any && !unknown) {
        sr_diag *g =
            sr_diag_add(l->d, SR_WARNING, (sr_loc){src, 0, 0, 0}, "this file holds no figures");
        sr_diag_hint(g, "add one or more of the sections finance, attendance, referrals, "
                        "performance, training");
    }
}

/* ---- files and folders no command reads ------------------------------------------------ */

/* The place of a diagnostic about dir/name as a whole. */
static sr_loc unread_at(sr_diags *d, const char *dir, const char *name)
{
    char *path = sr_path_join(dir, name);
    sr_source *src = sr_diags_add_source(d, path, NULL, 0);
    free(path);
    return (sr_loc){src, 0, 0, 0};
}

/* Whether name ends in suffix, ignoring case; *exact: with the same case. */
static bool ends_with(const char *name, const char *suffix, bool *exact)
{
    size_t n = strlen(name), k = strlen(suffix);
    if (n < k)
        return false;
    for (size_t i = 0; i < k; i++) {
        char c = name[n - k + i];
        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        if (c != suffix[i])
            return false;
    }
    if (exact)
        *exact = strcmp(name + n - k, suffix) == 0;
    return true;
}

/* For a file named like police.yaml.txt: the length of the name up to and
 * including .yaml or .yml (0 when the name has none before its last dot). */
static size_t yaml_before_extension(const char *name)
{
    const char *last = strrchr(name, '.');
    for (const char *p = name; last && (p = strchr(p, '.')) && p < last; p++) {
        size_t k = strncmp(p, ".yaml.", 6) == 0 ? 5 : strncmp(p, ".yml.", 5) == 0 ? 4 : 0;
        if (k)
            return (size_t)(p - name) + k;
    }
    return 0;
}

/* A file in a year folder that is not read: why, and what to do. */
static void unread_file(sr_diags *d, sr_severity sev, const char *dir, const char *name)
{
    const char *want = ".yaml";
    bool exact;
    size_t stem = yaml_before_extension(name);
    if (stem) {
        sr_diag *g =
            sr_diag_add(d, sev, unread_at(d, dir, name),
                        "this file is not read: its name ends in %s after the .yaml, so it "
                        "is not a data file",
                        strrchr(name, '.'));
        char *base = sr_path_join(dir, name);
        base[strlen(base) - strlen(name) + stem] = '\0';
        if (sr_path_kind_of(base) != SR_PATH_NONE) /* finance.yaml.bak beside finance.yaml */
            sr_diag_hint(g,
                         "it looks like a copy of %.*s, which is read: move it out of the data "
                         "folder, or, if it is the one to use, put it in place of %.*s",
                         (int)stem, name, (int)stem, name);
        else
            sr_diag_hint(g,
                         "rename it to %.*s (some editors, such as Notepad, add .txt when "
                         "saving; in Windows File Explorer, View > File name extensions shows "
                         "the whole name)",
                         (int)stem, name);
        free(base);
    } else if (ends_with(name, want, &exact) && !exact) {
        sr_diag *g = sr_diag_add(d, sev, unread_at(d, dir, name),
                                 "this file is not read: %s files end in small letters", want);
        sr_diag_hint(g, "rename it to %.*s%s", (int)(strlen(name) - strlen(want)), name, want);
    } else if (ends_with(name, ".yml", NULL)) {
        sr_diag *g = sr_diag_add(d, sev, unread_at(d, dir, name),
                                 "this file is not read: data files end in .yaml");
        sr_diag_hint(g, "rename it to end in .yaml");
    } else {
        sr_diag *g = sr_diag_add(d, sev, unread_at(d, dir, name),
                                 "this file is not read: only .yaml files in a year's folder are "
                                 "submissions");
        sr_diag_hint(g, "if it holds figures for the report, ask for them as a submission "
                        "(`sscp-report template PARTNER YEAR` writes one); otherwise move it "
                        "out of the data folder");
    }
}

size_t sr_report_unread_year(sr_diags *d, const char *dir, sr_severity sev)
{
    char **names = sr_list_dir(dir, "");
    size_t n = 0;
    for (char **p = names; p && *p; p++) {
        char *path = sr_path_join(dir, *p);
        sr_path_kind k = sr_path_kind_of(path);
        bool yaml = ends_with(*p, ".yaml", NULL) && strcmp(*p + strlen(*p) - 5, ".yaml") == 0;
        if (k == SR_PATH_DIR && strcmp(*p, "narrative") == 0) {
            /* Checked against the sections that take its files, which
             * the template says: sr_doc_unread_narrative (doc/build.h). */
        } else if (k == SR_PATH_DIR && strcmp(*p, "requests") == 0) {
            /* The blank requests `new-year` writes for partners to fill in:
             * the tool's own, not data (the files partners send back go in
             * the year's folder itself). */
        } else if (k == SR_PATH_DIR && !yaml) {
            sr_diag *g = sr_diag_add(d, sev, unread_at(d, dir, *p),
                                     "this folder is not read: a year's submissions go straight "
                                     "into its folder, not into folders within it");
            sr_diag_hint(g,
                         "move the files that belong in the report up into %s, and move the "
                         "folder out of the data folder",
                         dir);
            n++;
        } else if (strcmp(*p, "partnership.yaml") == 0) {
            sr_diag *g = sr_diag_add(d, sev, unread_at(d, dir, *p),
                                     "this file is not read: partnership.yaml belongs in the data "
                                     "folder, not in a year's folder");
            sr_diag_hint(g, "if it is a partner's submission, rename it after the partner, such "
                            "as police.yaml; if it is the partnership's file, move it up one "
                            "folder");
            n++;
        } else if (!yaml && k != SR_PATH_DIR) {
            unread_file(d, sev, dir, *p);
            n++;
        }
        free(path);
    }
    sr_free_names(names);
    return n;
}

/* Whether dir, or a folder in it, holds a partnership.yaml. */
static bool holds_data_folder(const char *dir)
{
    char *pp = sr_path_join(dir, "partnership.yaml");
    bool found = sr_path_kind_of(pp) == SR_PATH_FILE;
    free(pp);
    char **names = found ? NULL : sr_list_dir(dir, "");
    for (char **p = names; p && *p && !found; p++) {
        char *sub = sr_path_join(dir, *p);
        char *spp = sr_path_join(sub, "partnership.yaml");
        found = sr_path_kind_of(spp) == SR_PATH_FILE;
        free(spp);
        free(sub);
    }
    sr_free_names(names);
    return found;
}

/* For a folder named like a year in another way (2020-2021, 2020_21,
 * 2020-21 (copy)): the year's proper name into buf, or false. */
static bool year_named_otherwise(const char *name, char *buf, size_t size)
{
    int a = 0;
    for (int i = 0; i < 4; i++) {
        if (name[i] < '0' || name[i] > '9')
            return false;
        a = a * 10 + (name[i] - '0');
    }
    if (a < 1990 || a > 2200)
        return false;
    const char *p = name + 4;
    while (*p == '-' || *p == '_' || *p == ' ' || *p == '.')
        p++;
    int b = atoi(p);
    if (b != (a + 1) % 100 && b != a + 1)
        return false;
    snprintf(buf, size, "%d-%02d", a, (a + 1) % 100);
    return true;
}

size_t sr_report_unread_data(sr_diags *d, const char *data_dir, sr_severity sev,
                             bool note_data_folders)
{
    char **names = sr_list_dir(data_dir, "");
    size_t n = 0;
    for (char **p = names; p && *p; p++) {
        char *path = sr_path_join(data_dir, *p);
        sr_path_kind k = sr_path_kind_of(path);
        char year[16];
        if (strcmp(*p, "partnership.yaml") == 0 ||
            (k != SR_PATH_DIR && strcmp(*p, SR_LOGO_FILE) == 0) ||
            (k == SR_PATH_DIR && (strcmp(*p, "templates") == 0 || strcmp(*p, "benchmarks") == 0 ||
                                  sr_year_from_name(*p)))) {
            free(path);
            continue;
        }
        sr_diag *g;
        if (k == SR_PATH_DIR && year_named_otherwise(*p, year, sizeof year)) {
            g = sr_diag_add(d, sev, unread_at(d, data_dir, *p),
                            "this folder is not read: a year's folder is named like %s", year);
            sr_diag_hint(g, "rename it to %s", year);
        } else if (k == SR_PATH_DIR && holds_data_folder(path)) {
            if (!note_data_folders) {
                free(path);
                continue;
            }
            g = sr_diag_add(d, SR_NOTE, unread_at(d, data_dir, *p),
                            "this folder is not read with this data folder: it holds a "
                            "partnership's data of its own");
            sr_diag_hint(g, "check it on its own, with `sscp-report validate` and the folder "
                            "that holds its partnership.yaml");
        } else if (k == SR_PATH_DIR) {
            g = sr_diag_add(d, sev, unread_at(d, data_dir, *p),
                            "this folder is not read: a data folder holds partnership.yaml, "
                            "templates/ and a folder for each year, named like 2019-20");
            sr_diag_hint(g, "if it holds a year's files, rename it like 2019-20; otherwise move "
                            "it out of the data folder");
        } else if (ends_with(*p, ".yaml", NULL) || ends_with(*p, ".yml", NULL) ||
                   yaml_before_extension(*p)) {
            g = sr_diag_add(d, sev, unread_at(d, data_dir, *p),
                            "this file is not read: a submission goes in the folder for its year, "
                            "not in the data folder itself");
            sr_diag_hint(g, "move it into its year's folder, such as %s/2019-20/", data_dir);
        } else {
            g = sr_diag_add(d, sev, unread_at(d, data_dir, *p),
                            "this file is not read: a data folder holds partnership.yaml, "
                            "templates/ and a folder for each year");
            sr_diag_hint(g, "move it out of the data folder, or into its year's folder if it "
                            "is a submission");
        }
        n++;
        free(path);
    }
    sr_free_names(names);
    return n;
}

int sr_load_year_dir(sr_loader *l, sr_year *y, const char *dir)
{
    return sr_load_year_dir_unread(l, y, dir, SR_UNREAD_WARN);
}

int sr_load_year_dir_unread(sr_loader *l, sr_year *y, const char *dir, sr_unread_mode mode)
{
    char **names = sr_list_dir(dir, ".yaml");
    if (!names) {
        sr_source *src = sr_diags_add_source(l->d, dir, NULL, 0);
        sr_diag *g = sr_diag_add(l->d, SR_ERROR, (sr_loc){src, 0, 0, 0},
                                 "cannot read the folder: %s", strerror(errno));
        l->d->io_errors++;
        sr_diag_hint(g, "check the folder name; a year's folder is named like 2019-20");
        return -1;
    }
    int folder_year = sr_year_from_name(sr_basename(dir));
    if (!y->year)
        y->year = folder_year;
    /* Files may not link out of the data folder: the year folder's parent. */
    sr_loader in = *l;
    char *parent = in.root ? NULL : sr_dirname(dir);
    if (parent)
        in.root = parent;
    int n = 0;
    for (char **p = names; *p; p++) {
        if (strcmp(*p, "partnership.yaml") == 0 || strcmp(*p, "publication.yaml") == 0)
            continue;
        char *path = sr_path_join(dir, *p);
        sr_load_submission(&in, y, path, folder_year);
        free(path);
        n++;
    }
    free(parent);
    sr_free_names(names);
    /* A file saved as .yml, .YAML or .yaml.txt would otherwise be left out
     * in silence. */
    if (mode != SR_UNREAD_QUIET)
        sr_report_unread_year(l->d, dir, mode == SR_UNREAD_ERROR ? SR_ERROR : SR_WARNING);
    return n;
}

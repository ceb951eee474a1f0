/* workspace: a partnership's folder on disk, see workspace.h. */
#include "cli/workspace.h"

#include "cli/cli.h"
#include "core/fmt.h"
#include "core/fsutil.h"
#include "data/template.h"
#include "doc/build.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef SSCP_SHARE_DIR
#define SSCP_SHARE_DIR "/usr/local/share/sscp-report"
#endif

/* Where the program looks for the folders it comes with, relative to the
 * folder it is in: beside it (a build folder, where the build links them),
 * its parent (a build folder inside the source), and share/sscp-report
 * beside its bin/ (installed). */
char *sr_bundled_dir(const char *name)
{
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        exe[n] = '\0';
        char *bin = sr_dirname(exe);
        char *up = sr_dirname(bin);
        const char *const base[] = {bin, up, NULL};
        const char *const rel[] = {"", "", "share/sscp-report"};
        for (size_t i = 0; i < sizeof rel / sizeof *rel; i++) {
            char *b = *rel[i] ? sr_path_join(up, rel[i]) : sr_xstrdup(base[i]);
            char *dir = sr_path_join(b, name);
            free(b);
            if (sr_path_kind_of(dir) == SR_PATH_DIR) {
                free(bin);
                free(up);
                return dir;
            }
            free(dir);
        }
        free(bin);
        free(up);
    }
    char *dir = sr_path_join(SSCP_SHARE_DIR, name);
    if (sr_path_kind_of(dir) == SR_PATH_DIR)
        return dir;
    free(dir);
    return NULL;
}

/* Writes data to path unless something is there already. */
static int write_new(const char *path, const char *data, size_t len, const char *shown,
                     const char *what, sr_buf *log, sr_year_start *st)
{
    if (sr_path_kind_of(path) != SR_PATH_NONE) {
        st->kept++;
        return 0;
    }
    if (sr_write_file_atomic(path, data, len) != 0) {
        fprintf(stderr, "sscp-report: cannot write %s: %s\n", path, sr_io_error(errno));
        return 3;
    }
    st->made++;
    sr_buf_printf(log, "  %-44s %s\n", shown, what);
    return 0;
}

/* Makes DATA/YEAR/sub (and any missing parents) and returns its path, or
 * says why it cannot and returns NULL. */
static char *make_year_dir(const char *data_dir, int year, const char *sub)
{
    char name[16];
    sr_fmt_year(year, name, sizeof name);
    char *ydir = sr_path_join(data_dir, name);
    char *dir = sr_path_join(ydir, sub);
    free(ydir);
    if (sr_make_dirs(dir) != 0) {
        fprintf(stderr, "sscp-report: cannot create %s: %s\n", dir, sr_io_error(errno));
        free(dir);
        return NULL;
    }
    return dir;
}

int sr_start_narrative(sr_arena *a, sr_diags *d, const char *data_dir, const char *templates_dir,
                       int year, sr_buf *log, sr_year_start *st)
{
    sr_doc_section_info *secs;
    size_t n;
    if (!sr_doc_sections(a, d, templates_dir, data_dir, &secs, &n))
        return 1;
    char *dir = make_year_dir(data_dir, year, "narrative");
    if (!dir)
        return 3;
    int code = 0;
    for (size_t i = 0; i < n && !code; i++) {
        if (!secs[i].narrative)
            continue;
        char *path = sr_path_join(dir, secs[i].narrative);
        char what[256];
        snprintf(what, sizeof what, "words for \"%s\"", secs[i].title);
        code = write_new(path, "", 0, path, what, log, st);
        free(path);
    }
    free(dir);
    return code;
}

int sr_start_requests(const sr_partnership *p, const char *data_dir, int year,
                      const sr_figures *prev, sr_buf *log, sr_year_start *st)
{
    bool any_submits = false;
    for (size_t i = 0; i < p->npartners; i++)
        any_submits |= p->partners[i].submits != NULL;
    char *dir = make_year_dir(data_dir, year, "requests");
    if (!dir)
        return 3;
    int code = 0;
    for (size_t i = 0; i < p->npartners && !code; i++) {
        const sr_partner *pt = &p->partners[i];
        if (any_submits && !pt->submits)
            continue;
        char file[128];
        snprintf(file, sizeof file, "%s.yaml", pt->id);
        char *path = sr_path_join(dir, file);
        sr_buf t = SR_BUF_INIT;
        if (sr_template_write(&t, p, pt, year, prev)) {
            char what[256];
            snprintf(what, sizeof what, "to send to %s", sr_partner_name_in(pt, year));
            code = write_new(path, t.data, t.len, path, what, log, st);
        } else {
            /* Never a request with its end missing. */
            char py[16];
            sr_fmt_year(year - 1, py, sizeof py);
            sr_fail("cannot write the request for %s: a name in %s's figures is not UTF-8 "
                    "text; check them with: sscp-report validate %s",
                    pt->id, py, py);
            code = SR_EXIT_INVALID;
        }
        sr_buf_free(&t);
        free(path);
    }
    free(dir);
    return code;
}

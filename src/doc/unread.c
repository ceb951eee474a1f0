/* unread: the files of a year's narrative folder that no section of the
 * report takes, see build.h. The folder is checked against the template,
 * not against a file name pattern: a section may take intro.txt, and an
 * .md file no section names is left out of the report as surely as a
 * .docx is. */
#include "doc/build.h"

#include "core/buf.h"
#include "core/fmt.h"
#include "core/fsutil.h"

#include <glib.h>
#include <stdlib.h>
#include <string.h>

static sr_loc at(sr_diags *d, const char *dir, const char *name)
{
    char *path = sr_path_join(dir, name);
    sr_source *src = sr_diags_add_source(d, path, NULL, 0);
    free(path);
    return (sr_loc){src, 0, 0, 0};
}

size_t sr_doc_unread_narrative(sr_arena *a, sr_diags *d, const char *templates_dir,
                               const char *data_dir, int year, sr_severity sev)
{
    char yname[16];
    sr_fmt_year(year, yname, sizeof yname);
    char *ydir = sr_path_join(data_dir, yname);
    char *dir = sr_path_join(ydir, "narrative");
    free(ydir);
    char **names = sr_path_kind_of(dir) == SR_PATH_DIR ? sr_list_dir(dir, "") : NULL;
    if (!names || !names[0]) {
        sr_free_names(names);
        free(dir);
        return 0;
    }
    /* The template's problems are reported by the build that reads it. */
    sr_diags quiet;
    sr_diags_init(&quiet);
    sr_doc_section_info *secs = NULL;
    size_t nsecs = 0;
    bool have = sr_doc_sections(a, &quiet, templates_dir, data_dir, &secs, &nsecs);
    sr_diags_free(&quiet);
    if (!have) {
        sr_free_names(names);
        free(dir);
        return 0;
    }
    sr_buf taken = SR_BUF_INIT; /* the names the sections take, for hints */
    for (size_t i = 0; i < nsecs; i++)
        if (secs[i].narrative)
            sr_buf_printf(&taken, "%s%s", taken.len ? ", " : "", secs[i].narrative);
    size_t n = 0;
    for (char **p = names; *p; p++) {
        const char *name = *p;
        const char *same = NULL, *case_only = NULL;
        for (size_t i = 0; i < nsecs && !same; i++) {
            if (!secs[i].narrative)
                continue;
            if (strcmp(secs[i].narrative, name) == 0)
                same = secs[i].narrative;
            else if (g_ascii_strcasecmp(secs[i].narrative, name) == 0)
                case_only = secs[i].narrative;
        }
        if (same)
            continue;
        char *path = sr_path_join(dir, name);
        bool folder = sr_path_kind_of(path) == SR_PATH_DIR;
        free(path);
        sr_diag *g;
        if (folder) {
            g = sr_diag_add(d, sev, at(d, dir, name),
                            "this folder is not read: the report's words are the files in "
                            "narrative/ itself");
            sr_diag_hint(g, "move the files you want in the report up into %s", dir);
        } else if (case_only) {
            g = sr_diag_add(d, sev, at(d, dir, name),
                            "this file is not read: the report takes %s, and file names must "
                            "match in capitals too",
                            case_only);
            sr_diag_hint(g, "rename it to %s", case_only);
        } else {
            g = sr_diag_add(d, sev, at(d, dir, name),
                            "this file is not read: no section of the report takes it");
            if (taken.len)
                sr_diag_hint(g,
                             "the sections take %s (report.yaml's `narrative:`); put its "
                             "words in one of those, as plain text (Markdown), or move it out "
                             "of the data folder",
                             sr_buf_str(&taken));
            else
                sr_diag_hint(g, "no section of report.yaml names a narrative file: move it out "
                                "of the data folder");
        }
        n++;
    }
    sr_buf_free(&taken);
    sr_free_names(names);
    free(dir);
    return n;
}

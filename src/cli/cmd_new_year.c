/* cmd_new_year: `sscp-report new-year YEAR`, a reporting year's folder
 * started from the year before. */
#include "cli/args.h"
#include "cli/cli.h"
#include "cli/report_data.h"
#include "cli/workspace.h"
#include "core/arena.h"
#include "core/buf.h"
#include "core/fmt.h"
#include "core/fsutil.h"
#include "data/loader.h"
#include "data/partnership.h"

#include <stdlib.h>
#include <string.h>

static const char usage[] =
    "Usage: sscp-report new-year [OPTIONS] YEAR\n"
    "\n"
    "Start a reporting year: make its folder in the data folder, a request for\n"
    "each partner that sends figures (a commented submission to fill in, with\n"
    "last year's entries and figures where there are any), and an empty file\n"
    "for the words of each section of the report.\n"
    "\n"
    "Files already there are never replaced, so it is safe to run again, for\n"
    "example after adding a partner to partnership.yaml.\n"
    "\n"
    "  YEAR      the reporting year to start, such as 2020-21\n"
    "\n"
    "Options:\n"
    "  --data DIR        the data folder (default: ./data)\n"
    "  --templates DIR   the report template folder (default: ./report-templates)\n"
    "\n"
    "Example: sscp-report new-year 2020-21\n";

static int run(int argc, char **argv)
{
    const char *data = SR_DEFAULT_DATA, *templates = SR_DEFAULT_TEMPLATES, *yname = NULL;
    const sr_opt opts[] = {
        {"--data", NULL, &data, NULL}, {"--templates", NULL, &templates, NULL}, {0}};
    int npos;
    if (!sr_parse_args("new-year", argc, argv, opts, &yname, 1, &npos))
        return SR_EXIT_USAGE;
    if (!yname) {
        sr_usage_error("new-year", "name the year to start, such as: new-year 2020-21");
        return SR_EXIT_USAGE;
    }
    int year = sr_year_from_name(yname);
    if (!year) {
        sr_usage_error("new-year", "'%s' is not a reporting year; write it like 2020-21", yname);
        return SR_EXIT_USAGE;
    }

    int code = SR_EXIT_OK;
    sr_arena *a = sr_arena_new();
    sr_diags d;
    sr_diags_init(&d);
    char *ppath = sr_path_join(data, "partnership.yaml");
    sr_buf log = SR_BUF_INIT;
    sr_year prev;
    sr_year_init(&prev, year - 1);
    sr_diags quiet;
    sr_diags_init(&quiet);
    if (sr_path_kind_of(ppath) != SR_PATH_FILE) {
        sr_fail("no partnership.yaml in %s; use --data DIR to name the data folder, or "
                "'sscp-report init DIR' to start a partnership's folder",
                data);
        code = SR_EXIT_IO;
        goto out;
    }
    sr_partnership *p = sr_partnership_load(a, &d, ppath);
    if (!p) {
        sr_diags_print_text(&d, stderr, sr_use_color(stderr));
        sr_fail("fix %s first", ppath);
        code = SR_EXIT_INVALID;
        goto out;
    }

    /* Last year's figures fill in the requests. Problems in them are for
     * validate to report, not for starting a year to stop on. */
    char this_name[16], prev_name[16];
    sr_fmt_year(year, this_name, sizeof this_name);
    sr_fmt_year(year - 1, prev_name, sizeof prev_name);
    char *prev_dir = sr_path_join(data, prev_name);
    bool have_prev = false;
    if (sr_path_kind_of(prev_dir) == SR_PATH_DIR) {
        sr_loader l = {a, &quiet, p, NULL};
        have_prev = sr_load_year_dir(&l, &prev, prev_dir) > 0;
    }
    free(prev_dir);

    sr_year_start st = {0};
    code = sr_start_requests(p, data, year, have_prev ? &prev.figs : NULL, &log, &st);
    if (!code)
        code = sr_start_narrative(a, &d, data, templates, year, &log, &st);
    if (code == SR_EXIT_INVALID) {
        sr_diags_print_text(&d, stderr, sr_use_color(stderr));
        sr_fail("fix the report template first");
    }
    if (code)
        goto out;

    char *ydir = sr_path_join(data, this_name);
    if (st.made)
        sr_out("Started %s in %s:\n%s", this_name, ydir, sr_buf_str(&log));
    else
        sr_out("%s is already started in %s: nothing to add.\n", this_name, ydir);
    if (st.kept)
        sr_out("Kept %zu file%s already there.\n", st.kept, st.kept == 1 ? "" : "s");
    if (!have_prev)
        sr_out("There are no figures for %s, so the requests are blank.\n", prev_name);
    sr_out("\nNext:\n");
    int step = 1;
    if (sr_partnership_population(p, year) < 0)
        sr_out("  %d. Add the number of children aged 0-17 in %s to %s,\n"
               "     under population: children_0_17:, for rates per 10,000 children.\n",
               step++, this_name, ppath);
    sr_out("  %d. Send each partner its request from %s/requests/ and save the\n"
           "     files they send back in %s/.\n",
           step, ydir, ydir);
    step++;
    sr_out("  %d. Check each file as it arrives: sscp-report validate %s/FILE.yaml\n", step++,
           ydir);
    sr_out("  %d. Write the narrative in %s/narrative/ (Markdown).\n", step++, ydir);
    sr_out("  %d. Follow progress with: sscp-report status %s\n", step, this_name);
    free(ydir);
out:
    sr_year_free(&prev);
    sr_diags_free(&quiet);
    sr_buf_free(&log);
    free(ppath);
    sr_diags_free(&d);
    sr_arena_free(a);
    return code;
}

const sr_command sr_cmd_new_year = {
    "new-year",
    "start a reporting year: requests for partners, narrative files",
    usage,
    run,
};

/* cmd_template: `sscp-report template PARTNER YEAR`, a blank submission. */
#include "cli/args.h"
#include "cli/cli.h"
#include "core/arena.h"
#include "core/buf.h"
#include "core/fmt.h"
#include "core/fsutil.h"
#include "core/suggest.h"
#include "data/loader.h"
#include "data/partnership.h"
#include "data/template.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] =
    "Usage: sscp-report template [OPTIONS] PARTNER YEAR\n"
    "\n"
    "Write a blank, commented submission for one partner and reporting year, to\n"
    "fill in and send to the partnership. It holds the sections partnership.yaml\n"
    "says the partner sends (all of them if it does not say). Where the partner\n"
    "sent figures the year before, its entries are filled in and last year's\n"
    "figures are shown as comments.\n"
    "\n"
    "  PARTNER   the partner's id in partnership.yaml, such as police\n"
    "  YEAR      the reporting year, such as 2020-21\n"
    "\n"
    "Options:\n"
    "  --data DIR        the data folder (default: ./data)\n"
    "  --output FILE     write to FILE instead of the screen\n"
    "  --force           replace FILE if it exists\n"
    "\n"
    "Example: sscp-report template police 2025-26 --output police.yaml\n";

static int run(int argc, char **argv)
{
    const char *data = SR_DEFAULT_DATA, *output = NULL, *pos[2] = {0};
    bool force = false;
    const sr_opt opts[] = {{"--data", NULL, &data, NULL},
                           {"--output", "-o", &output, NULL},
                           {"--force", NULL, NULL, &force},
                           {0}};
    int npos;
    if (!sr_parse_args("template", argc, argv, opts, pos, 2, &npos))
        return SR_EXIT_USAGE;
    if (npos < 2) {
        sr_usage_error("template", "name a partner and a year, such as: template police 2025-26");
        return SR_EXIT_USAGE;
    }
    int year = sr_year_from_name(pos[1]);
    if (!year) {
        sr_usage_error("template", "'%s' is not a reporting year; write it like 2020-21", pos[1]);
        return SR_EXIT_USAGE;
    }
    if (output && !force && sr_path_kind_of(output) != SR_PATH_NONE) {
        sr_usage_error("template", "%s already exists; use --force to replace it", output);
        return SR_EXIT_USAGE;
    }

    int code = SR_EXIT_OK;
    sr_arena *a = sr_arena_new();
    sr_diags d;
    sr_diags_init(&d);
    char *ppath = sr_path_join(data, "partnership.yaml");
    sr_partnership *p = NULL;
    if (sr_path_kind_of(ppath) != SR_PATH_FILE) {
        sr_fail("no partnership.yaml in %s; use --data DIR to name the data folder", data);
        code = SR_EXIT_IO;
        goto out;
    }
    p = sr_partnership_load(a, &d, ppath);
    if (!p) {
        sr_diags_print_text(&d, stderr, sr_use_color(stderr));
        sr_fail("fix partnership.yaml first");
        code = SR_EXIT_INVALID;
        goto out;
    }
    const sr_partner *pt = sr_partnership_find(p, pos[0]);
    if (!pt) {
        const char *best = sr_suggest(pos[0], p->ids, p->npartners);
        if (best)
            sr_usage_error("template", "no partner has the id '%s'; did you mean '%s'?", pos[0],
                           best);
        else
            sr_usage_error("template", "no partner has the id '%s' in %s", pos[0], ppath);
        code = SR_EXIT_USAGE;
        goto out;
    }

    /* Last year's figures, if any, read quietly: problems there are for
     * validate to report, not for the template to stop on. */
    char prev_name[16];
    sr_fmt_year(year - 1, prev_name, sizeof prev_name);
    char *prev_dir = sr_path_join(data, prev_name);
    sr_diags quiet;
    sr_diags_init(&quiet);
    sr_year prev;
    sr_year_init(&prev, year - 1);
    bool have_prev = false;
    if (sr_path_kind_of(prev_dir) == SR_PATH_DIR) {
        sr_loader l = {a, &quiet, p, NULL};
        have_prev = sr_load_year_dir(&l, &prev, prev_dir) > 0;
    }
    free(prev_dir);

    sr_buf out = SR_BUF_INIT;
    if (!sr_template_write(&out, p, pt, year, have_prev ? &prev.figs : NULL)) {
        sr_fail("cannot write the template: a name in %s's figures is not UTF-8 text; check "
                "them with: sscp-report validate %s",
                prev_name, prev_name);
        code = SR_EXIT_INVALID;
    } else if (output) {
        if (sr_write_file_atomic(output, out.data, out.len) != 0) {
            sr_fail("cannot write %s: %s", output, sr_io_error(errno));
            code = SR_EXIT_IO;
        } else {
            fprintf(stderr, "Wrote %s. Fill it in, then check it with: sscp-report validate %s\n",
                    output, output);
        }
    } else {
        fwrite(out.data, 1, out.len, stdout);
    }
    sr_buf_free(&out);
    sr_year_free(&prev);
    sr_diags_free(&quiet);
out:
    free(ppath);
    sr_diags_free(&d);
    sr_arena_free(a);
    return code;
}

const sr_command sr_cmd_template = {
    "template",
    "write a blank, commented submission for a partner to fill in",
    usage,
    run,
};

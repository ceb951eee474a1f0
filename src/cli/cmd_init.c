/* cmd_init: `sscp-report init DIR`, a new partnership's folder. */
#include "cli/args.h"
#include "cli/cli.h"
#include "cli/workspace.h"
#include "core/arena.h"
#include "core/buf.h"
#include "core/fmt.h"
#include "core/fsutil.h"
#include "data/loader.h"
#include "data/yamlout.h"
#include "publish/dates.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] =
    "Usage: sscp-report init [OPTIONS] DIR\n"
    "\n"
    "Make a folder for a partnership's annual reports: a commented\n"
    "data/partnership.yaml to fill in, the default report template, the fonts\n"
    "and a folder for the last reporting year to have ended. Run the other\n"
    "commands from inside DIR.\n"
    "\n"
    "  DIR       a new folder, or an empty one\n"
    "\n"
    "Options:\n"
    "  --year YEAR       the first year to report on (default: the last year to\n"
    "                    have ended on 31 March)\n"
    "  --templates DIR   copy this report template instead of the default one\n"
    "  --fonts DIR       copy these fonts instead of the default ones\n"
    "\n"
    "Example: sscp-report init example-scp\n";

/* partnership.yaml for a new partnership: the blanks are reported by
 * validate, with their line, until they are filled in. */
static const char partnership_template[] =
    "# Who the partnership is, the organisations that take part in it, and the\n"
    "# child population used for rates per 10,000 children.\n"
    "#\n"
    "# Fill in each blank, then check the file with:\n"
    "#   sscp-report validate data/partnership.yaml\n"
    "# The format is described in docs/data-format.md.\n"
    "\n"
    "format: 1\n"
    "\n"
    "partnership:\n"
    "  name:          # the full name, such as Example Safeguarding Children Partnership\n"
    "  short_name:    # its abbreviation, such as ESCP\n"
    "  area:          # the local authority area it covers, such as Example Borough\n"
    "  # file_name: example-scp   # the start of the report's file names (lower-case\n"
    "  #                          # letters, digits, hyphens; default: the short name)\n"
    "  # The business unit's published address: the sender of the copies of the\n"
    "  # report that the statutory guidance asks to be sent to national bodies.\n"
    "  email:\n"
    "  # The edition of the statutory guidance each year is reported under is\n"
    "  # chosen by the year (report-templates/guidance/ holds one file per\n"
    "  # edition). To choose for yourself, name one for every year, or one from\n"
    "  # a year on:\n"
    "  # guidance: working-together-2023\n"
    "  # guidance:\n"
    "  #   2024-25: working-together-2023\n"
    "\n"
    "partners:\n"
    "  # Each organisation has an id that never changes: submissions refer to\n"
    "  # it, so it stays the same when the organisation is renamed. Use lower\n"
    "  # case letters, digits and hyphens. A renamed body keeps its id and lists\n"
    "  # its names by the first year each applies to:\n"
    "  #   names:\n"
    "  #     2013-14: NHS Example Clinical Commissioning Group\n"
    "  #     2022-23: NHS Example Integrated Care Board\n"
    "  #\n"
    "  # `submits` lists what a partner sends: finance, attendance, referrals,\n"
    "  # performance, training, and sign_off (the business unit's record of who\n"
    "  # signed off the report and the budget, and when). `sscp-report new-year`\n"
    "  # makes a request for each partner that has it.\n"
    "\n"
    "  # The three statutory safeguarding partners.\n"
    "  - id: council\n"
    "    name:        # the local authority, such as Example Borough Council\n"
    "    statutory: yes\n"
    "    submits: [finance, attendance, referrals, performance, training]\n"
    "\n"
    "  - id: police\n"
    "    name:        # the police force\n"
    "    statutory: yes\n"
    "\n"
    "  - id: icb\n"
    "    name:        # the integrated care board\n"
    "    statutory: yes\n"
    "\n"
    "  # Relevant agencies follow, in the same way, such as:\n"
    "  # - id: probation\n"
    "  #   name: The Probation Service\n"
    "\n"
    "# The lead safeguarding partners: an edition of the statutory guidance\n"
    "# that asks for the report's sign-off (report-templates/guidance/) asks for\n"
    "# them to be named and to sign it off, and `build --final` stops until\n"
    "# they are. Each is one of the partners above, with its lead's role and\n"
    "# the delegated safeguarding partner who acts for it. A year under an\n"
    "# edition that does not ask for them does not show them.\n"
    "# lead_partners:\n"
    "#   - partner: council\n"
    "#     lead: Chief Executive\n"
    "#     delegate: Director of Children's Services\n"
    "#   - partner: police\n"
    "#     lead: Chief Constable\n"
    "#     delegate: Head of Public Protection\n"
    "#   - partner: icb\n"
    "#     lead: Chief Executive\n"
    "#     delegate: Chief Nurse\n"
    "\n"
    "population:\n"
    "  children_0_17:\n"
    "    %s:       # children aged 0 to 17 in the area, from the ONS mid-year estimate\n"
    "  source:         # where the population figures come from\n"
    "\n"
    "# Who is sent the published report: the guidance edition in force names\n"
    "# them (report-templates/guidance/). Add a recipient, or give or correct\n"
    "# an address the edition lacks, by its id; `sscp-report publish` says\n"
    "# which are needed. Each year's publication keeps the list used then.\n"
    "# recipients:\n"
    "#   - id: dfe\n"
    "#     email: the address the guidance gives\n"
    "\n"
    "options:\n"
    "  # Hide counts below a threshold in the published report.\n"
    "  disclosure_control: no\n";

static bool dir_is_empty(const char *path)
{
    DIR *dh = opendir(path);
    if (!dh)
        return false;
    bool empty = true;
    for (struct dirent *e; empty && (e = readdir(dh));)
        empty = strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0;
    closedir(dh);
    return empty;
}

/* Copies the files of from into to, and its folders (such as the guidance
 * editions in report-templates/guidance/) with theirs. */
static int copy_folder(const char *from, const char *to, size_t *count)
{
    char **names = sr_list_dir(from, "");
    if (!names) {
        sr_fail("cannot read %s: %s", from, sr_io_error(errno));
        return SR_EXIT_IO;
    }
    int code = SR_EXIT_OK;
    if (sr_make_dirs(to) != 0) {
        sr_fail("cannot create %s: %s", to, sr_io_error(errno));
        code = SR_EXIT_IO;
    }
    for (char **n = names; *n && !code; n++) {
        char *src = sr_path_join(from, *n), *dst = sr_path_join(to, *n);
        if (sr_path_kind_of(src) == SR_PATH_FILE) {
            if (sr_copy_file(src, dst) != 0) {
                sr_fail("cannot copy %s to %s: %s", src, dst, sr_io_error(errno));
                code = SR_EXIT_IO;
            } else {
                (*count)++;
            }
        } else if (sr_path_kind_of(src) == SR_PATH_DIR && (*n)[0] != '.') {
            code = copy_folder(src, dst, count);
        }
        free(src);
        free(dst);
    }
    sr_free_names(names);
    return code;
}

/* The folder given, or the one that comes with the program. */
static char *source_dir(const char *given, const char *name, const char *option)
{
    if (given) {
        if (sr_path_kind_of(given) != SR_PATH_DIR) {
            sr_usage_error("init", "%s is not a folder", given);
            return NULL;
        }
        return sr_xstrdup(given);
    }
    char *dir = sr_bundled_dir(name);
    if (!dir)
        sr_fail("cannot find the %s that come with sscp-report; name a folder with %s DIR", name,
                option);
    return dir;
}

static int run(int argc, char **argv)
{
    const char *dir = NULL, *yname = NULL, *templates = NULL, *fonts = NULL;
    const sr_opt opts[] = {{"--year", NULL, &yname, NULL},
                           {"--templates", NULL, &templates, NULL},
                           {"--fonts", NULL, &fonts, NULL},
                           {0}};
    int npos;
    if (!sr_parse_args("init", argc, argv, opts, &dir, 1, &npos))
        return SR_EXIT_USAGE;
    if (!dir) {
        sr_usage_error("init", "name the folder to make, such as: init example-scp");
        return SR_EXIT_USAGE;
    }
    int year = yname ? sr_year_from_name(yname) : sr_last_ended_year(sr_today());
    if (!year) {
        sr_usage_error("init", "'%s' is not a reporting year; write it like 2020-21", yname);
        return SR_EXIT_USAGE;
    }
    sr_path_kind k = sr_path_kind_of(dir);
    if (k == SR_PATH_FILE || k == SR_PATH_OTHER) {
        sr_usage_error("init", "%s is a file, not a folder; name a new folder", dir);
        return SR_EXIT_USAGE;
    }
    if (k == SR_PATH_DIR && !dir_is_empty(dir)) {
        sr_usage_error("init", "%s already has files in it; name a new or empty folder", dir);
        return SR_EXIT_USAGE;
    }
    char *tsrc = source_dir(templates, "report-templates", "--templates");
    char *fsrc = tsrc ? source_dir(fonts, "fonts", "--fonts") : NULL;
    if (!tsrc || !fsrc) {
        bool usage_problem = (templates && !tsrc) || (fonts && tsrc && !fsrc);
        free(tsrc);
        return usage_problem ? SR_EXIT_USAGE : SR_EXIT_IO;
    }

    int code = SR_EXIT_OK;
    sr_arena *a = sr_arena_new();
    sr_diags d;
    sr_diags_init(&d);
    sr_buf log = SR_BUF_INIT, text = SR_BUF_INIT;
    char yfmt[16];
    sr_fmt_year(year, yfmt, sizeof yfmt);
    char *data = sr_path_join(dir, "data"), *tdst = sr_path_join(dir, "report-templates"),
         *fdst = sr_path_join(dir, "fonts"), *ppath = sr_path_join(data, "partnership.yaml");
    size_t ntemplates = 0, nfonts = 0;
    if (sr_make_dirs(data) != 0) {
        sr_fail("cannot create %s: %s", data, sr_io_error(errno));
        code = SR_EXIT_IO;
        goto out;
    }
    /* The one value in the file, as a key, through the YAML writer. */
    sr_buf ykey = SR_BUF_INIT;
    if (!sr_yaml_token(&ykey, yfmt)) {
        sr_buf_free(&ykey);
        sr_fail("internal error: the year %s cannot be written as YAML", yfmt);
        code = SR_EXIT_IO;
        goto out;
    }
    sr_buf_printf(&text, partnership_template, sr_buf_str(&ykey));
    sr_buf_free(&ykey);
    if (sr_write_file_atomic(ppath, text.data, text.len) != 0) {
        sr_fail("cannot write %s: %s", ppath, sr_io_error(errno));
        code = SR_EXIT_IO;
        goto out;
    }
    code = copy_folder(tsrc, tdst, &ntemplates);
    if (!code)
        code = copy_folder(fsrc, fdst, &nfonts);
    sr_year_start st = {0};
    if (!code)
        code = sr_start_narrative(a, &d, data, tdst, year, &log, &st);
    if (code == SR_EXIT_INVALID) {
        sr_diags_print_text(&d, stderr, sr_use_color(stderr));
        sr_fail("the report template in %s has errors", tsrc);
    }
    if (code)
        goto out;

    sr_out("Made %s:\n", dir);
    sr_out("  %-28s who the partnership is: fill this in first\n", "data/partnership.yaml");
    sr_out("  %-28s the year's submissions, and %zu files for its words\n",
           sr_arena_printf(a, "data/%s/", yfmt), st.made);
    sr_out("  %-28s the report's sections, charts and guidance editions (%zu files)\n",
           "report-templates/", ntemplates);
    sr_out("  %-28s the report's typeface (%zu files)\n", "fonts/", nfonts);
    sr_out("\nNext, in %s:\n", dir);
    sr_out("  1. Fill in data/partnership.yaml and check it:\n"
           "       sscp-report validate data/partnership.yaml\n");
    sr_out("  2. Make the requests to send to partners:  sscp-report new-year %s\n", yfmt);
    sr_out("  3. Follow progress with:  sscp-report status %s\n", yfmt);
out:
    free(data);
    free(tdst);
    free(fdst);
    free(ppath);
    free(tsrc);
    free(fsrc);
    sr_buf_free(&log);
    sr_buf_free(&text);
    sr_diags_free(&d);
    sr_arena_free(a);
    return code;
}

const sr_command sr_cmd_init = {
    "init",
    "make a folder for a new partnership's reports",
    usage,
    run,
};

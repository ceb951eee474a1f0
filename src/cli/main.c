/* main: argv -> command -> exit code. */
#include "cli/cli.h"
#include "core/diag.h"
#include "core/clock.h"

#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const sr_command *const commands[] = {
    &sr_cmd_init,  &sr_cmd_new_year, &sr_cmd_template, &sr_cmd_validate, &sr_cmd_status,
    &sr_cmd_build, &sr_cmd_publish,  &sr_cmd_metrics,  &sr_cmd_explain,  &sr_cmd_charts,
    NULL};

static const char overview[] =
    "sscp-report: the annual report of a Local Safeguarding Children Partnership\n"
    "\n"
    "Usage: sscp-report COMMAND [OPTIONS] [ARGUMENTS]\n"
    "\n"
    "Commands:\n"
    "%s"
    "  help [COMMAND]     show help for a command\n"
    "\n"
    "Options for every command:\n"
    "  --data DIR         the partnership's data folder (default: ./data)\n"
    "  -h, --help         show help\n"
    "  --version          show the version\n"
    "\n"
    "Exit status: 0 success, 1 the data has errors, 2 wrong command line,\n"
    "3 a file could not be read or written.\n"
    "\n"
    "Run 'sscp-report help COMMAND' for a command's options.\n";

/* A message to stderr, with the names and values in it made safe for a
 * terminal (an argument or a file name may hold control characters). */
/* The message fmt makes, malloc'd; NULL when it cannot be made. */
static char *format(const char *fmt, va_list ap)
{
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    char *msg = n >= 0 ? malloc((size_t)n + 1) : NULL;
    if (msg)
        vsnprintf(msg, (size_t)n + 1, fmt, ap);
    return msg;
}

/* msg to out, each control character shown as an escape but for the line
 * breaks before `keep` (every line break when keep is "\n"), which are
 * the program's. */
static void put_lines(FILE *out, char *msg, const char *keep)
{
    size_t k = strlen(keep);
    for (char *part = msg; part;) {
        char *br = strstr(part, keep);
        if (br)
            *br = '\0';
        sr_fput_safe(out, part);
        if (br)
            fputs(keep, out);
        part = br ? br + k : NULL;
    }
}

static void put_message(const char *fmt, va_list ap)
{
    char *msg = format(fmt, ap);
    if (!msg) {
        fputs(fmt, stderr); /* cannot format it: the words without the values */
        return;
    }
    /* A message may end in a hint on lines of its own ("\n  hint: ..."). */
    put_lines(stderr, msg, "\n  hint: ");
    free(msg);
}

void sr_usage_error(const char *cmd, const char *fmt, ...)
{
    va_list ap;
    fputs("sscp-report: ", stderr);
    va_start(ap, fmt);
    put_message(fmt, ap);
    va_end(ap);
    fprintf(stderr, "\nTry 'sscp-report help%s%s' for more information.\n", cmd ? " " : "",
            cmd ? cmd : "");
}

void sr_out(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *msg = format(fmt, ap);
    va_end(ap);
    if (!msg) {
        fputs(fmt, stdout); /* cannot format it: the words without the values */
        return;
    }
    put_lines(stdout, msg, "\n");
    free(msg);
}

void sr_fail(const char *fmt, ...)
{
    va_list ap;
    fputs("sscp-report: ", stderr);
    va_start(ap, fmt);
    put_message(fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
}

bool sr_use_color(FILE *f)
{
    const char *nc = getenv("NO_COLOR"), *term = getenv("TERM");
    if (nc && *nc)
        return false;
    if (term && strcmp(term, "dumb") == 0)
        return false;
    return isatty(fileno(f));
}

static void print_overview(FILE *f)
{
    char list[1024] = "";
    for (const sr_command *const *c = commands; *c; c++) {
        char line[200];
        snprintf(line, sizeof line, "  %-18s %s\n", (*c)->name, (*c)->summary);
        strncat(list, line, sizeof list - strlen(list) - 1);
    }
    fprintf(f, overview, list);
}

static const sr_command *find(const char *name)
{
    for (const sr_command *const *c = commands; *c; c++)
        if (strcmp((*c)->name, name) == 0)
            return *c;
    return NULL;
}

/* Standard output must have been written: a full disk or closed pipe is an
 * I/O failure, not success. */
static int finish(int code)
{
    if (fflush(stdout) != 0 || ferror(stdout)) {
        sr_fail("could not write the output");
        return SR_EXIT_IO;
    }
    return code;
}

/* A file size limit (ulimit -f) must not kill the program half-way through
 * a file: with SIGXFSZ ignored the write fails with EFBIG instead, the
 * command says which file and why, and removes its temporary file. */
static bool ignore_file_size_signal(void)
{
    struct sigaction sa = {0};
    sa.sa_handler = SIG_IGN;
    if (sigemptyset(&sa.sa_mask) != 0 || sigaction(SIGXFSZ, &sa, NULL) != 0) {
        sr_fail("cannot set up the program's signals: %s", strerror(errno));
        return false;
    }
    return true;
}

int main(int argc, char **argv)
{
    if (!ignore_file_size_signal())
        return SR_EXIT_IO;
    if (argc < 2) {
        print_overview(stderr);
        return SR_EXIT_USAGE;
    }
    const char *arg = argv[1];
    if (strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0) {
        print_overview(stdout);
        return finish(SR_EXIT_OK);
    }
    if (strcmp(arg, "--version") == 0) {
        printf("sscp-report %s\n", SSCP_VERSION);
        return finish(SR_EXIT_OK);
    }
    if (strcmp(arg, "help") == 0) {
        if (argc < 3) {
            print_overview(stdout);
            return finish(SR_EXIT_OK);
        }
        const sr_command *c = find(argv[2]);
        if (!c) {
            sr_usage_error(NULL, "there is no command '%s'", argv[2]);
            return SR_EXIT_USAGE;
        }
        fputs(c->usage, stdout);
        return finish(SR_EXIT_OK);
    }
    const sr_command *c = find(arg);
    if (!c) {
        if (arg[0] == '-')
            sr_usage_error(NULL, "unknown option '%s'; options go after the command", arg);
        else
            sr_usage_error(NULL, "there is no command '%s'", arg);
        return SR_EXIT_USAGE;
    }
    for (int i = 2; i < argc; i++) {
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            fputs(c->usage, stdout);
            return finish(SR_EXIT_OK);
        }
        if (strcmp(argv[i], "--") == 0)
            break;
    }
    /* The variables that stand in for the clock are checked before any
     * command reads them: a value that is not a date is an error. */
    char err[1024];
    if (!sr_clock_check(err, sizeof err)) {
        sr_fail("%s", err);
        return SR_EXIT_USAGE;
    }
    return finish(c->run(argc - 1, argv + 1));
}

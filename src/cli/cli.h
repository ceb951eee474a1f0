/* cli: the command line. main.c turns argv into a command and an exit code;
 * each cmd_*.c owns one subcommand and its help text. */
#ifndef SR_CLI_H
#define SR_CLI_H

#include <stdbool.h>
#include <stdio.h>

/* Exit codes, the same for every command. */
enum {
    SR_EXIT_OK = 0,
    SR_EXIT_INVALID = 1, /* the data has errors (diagnostics printed) */
    SR_EXIT_USAGE = 2,   /* the command line is wrong */
    SR_EXIT_IO = 3,      /* a file could not be read or written, or an internal failure */
};

typedef struct {
    const char *name;
    const char *summary;
    const char *usage; /* full help text */
    int (*run)(int argc, char **argv);
} sr_command;

extern const sr_command sr_cmd_build;
extern const sr_command sr_cmd_validate;
extern const sr_command sr_cmd_template;
extern const sr_command sr_cmd_metrics;
extern const sr_command sr_cmd_explain;
extern const sr_command sr_cmd_charts;
extern const sr_command sr_cmd_publish;
extern const sr_command sr_cmd_status;
extern const sr_command sr_cmd_init;
extern const sr_command sr_cmd_new_year;

/* Prints "sscp-report: " + message to stderr, and a pointer to help. */
void sr_usage_error(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Prints "sscp-report: " + message to stderr. */
void sr_fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* printf to stdout for lines that carry a path or a name from the user or a
 * file: line breaks are kept, any other control character (an ESC in a
 * folder's name) is shown as an escape, never sent to the terminal. */
void sr_out(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Whether to colour output to f: a terminal, NO_COLOR unset, TERM not dumb. */
bool sr_use_color(FILE *f);

/* The data folder: --data, else ./data. */
#define SR_DEFAULT_DATA "data"

#endif

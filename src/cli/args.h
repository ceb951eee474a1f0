/* args: one parser for every command's options and arguments.
 *
 * A command lists its options in a table; the parser takes "--name VALUE",
 * "--name=VALUE" and switches, collects the positional arguments, and
 * gives the same usage errors in every command: an unknown option, an
 * option without its value (or with an empty one), too many arguments. "-"
 * alone is an argument.
 */
#ifndef SR_ARGS_H
#define SR_ARGS_H

#include <stdbool.h>

typedef struct {
    const char *name;   /* "--out" */
    const char *alias;  /* another spelling, such as "-o", or NULL */
    const char **value; /* an option with a value: where it goes */
    bool *flag;         /* a switch: set to true when given */
} sr_opt;

/* Parses argv[1 .. argc-1] against opts (ended by an entry with no name).
 * Up to maxpos positional arguments go to pos, in order, and *npos
 * receives how many. Returns false after printing a usage error for cmd. */
bool sr_parse_args(const char *cmd, int argc, char **argv, const sr_opt *opts, const char **pos,
                   int maxpos, int *npos);

#endif

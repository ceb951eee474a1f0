/* args: one parser for every command's options and arguments. */
#include "cli/args.h"

#include "cli/cli.h"

#include <string.h>

/* The option a is, and its value when written "--name=VALUE". */
static const sr_opt *find(const sr_opt *opts, const char *a, const char **inline_value)
{
    *inline_value = NULL;
    for (const sr_opt *o = opts; o->name; o++) {
        if (strcmp(a, o->name) == 0 || (o->alias && strcmp(a, o->alias) == 0))
            return o;
        size_t n = strlen(o->name);
        if (o->value && strncmp(a, o->name, n) == 0 && a[n] == '=') {
            *inline_value = a + n + 1;
            return o;
        }
    }
    return NULL;
}

bool sr_parse_args(const char *cmd, int argc, char **argv, const sr_opt *opts, const char **pos,
                   int maxpos, int *npos)
{
    *npos = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v;
        const sr_opt *o = find(opts, a, &v);
        if (o && o->flag) {
            *o->flag = true;
        } else if (o) {
            if (!v && i + 1 < argc)
                v = argv[++i];
            /* An empty value is no value: "--out=" must not mean the root
             * of the disk. */
            if (!v || !*v) {
                sr_usage_error(cmd, "%s needs a value", strchr(a, '=') ? o->name : a);
                return false;
            }
            *o->value = v;
        } else if (a[0] == '-' && a[1]) {
            sr_usage_error(cmd, "unknown option '%s'", a);
            return false;
        } else if (*npos < maxpos) {
            pos[(*npos)++] = a;
        } else {
            sr_usage_error(cmd, "too many arguments: '%s'", a);
            return false;
        }
    }
    return true;
}

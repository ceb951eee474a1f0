/* ynode: YAML text -> a tree of nodes that remember where they came from.
 *
 * Owns: parsing with libyaml, the limits that make hostile input harmless
 * (size is checked by the caller; nesting depth, number of nodes, aliases and
 * how far they expand are checked here), duplicate keys, and turning
 * libyaml's messages into plain English with a hint.
 *
 * The tree carries no meaning: every scalar stays text (libyaml resolves no
 * types); the schema decides what the text must be. Nodes live in the arena
 * passed in. An alias is not copied: it points at the anchored node, so a
 * tree may share subtrees (their cost is bounded by limits.max_expanded).
 */
#ifndef SR_YNODE_H
#define SR_YNODE_H

#include "core/arena.h"
#include "core/diag.h"

#include <stdbool.h>
#include <stddef.h>

typedef enum { SR_Y_SCALAR, SR_Y_SEQ, SR_Y_MAP } sr_ykind;

typedef struct sr_ynode sr_ynode;
struct sr_ynode {
    sr_ykind kind;
    sr_loc loc;       /* where the node starts; len spans a one-line scalar */
    const char *text; /* scalar: its value, NUL-terminated */
    size_t len;       /* scalar: length of text in bytes */
    bool quoted;      /* scalar: written in quotes or as a block, not plain */
    sr_ynode **items; /* seq: n items; map: keys at 2i, values at 2i+1 */
    size_t n;         /* seq: items; map: pairs */
};

typedef struct {
    unsigned max_depth;     /* nested lists and mappings */
    size_t max_nodes;       /* nodes written out in the file */
    size_t max_aliases;     /* uses of *alias */
    size_t max_expanded;    /* nodes the document stands for, aliases expanded */
    size_t max_scalar_len;  /* bytes in one value */
    const char *empty_hint; /* the hint for an empty file; NULL: a submission's */
} sr_ylimits;

/* Limits for a partner's submission. */
sr_ylimits sr_ylimits_default(void);

/* Parses the one document in src. Returns its root, or NULL when the file is
 * not usable YAML; every problem is reported to d. An empty file reports an
 * error and returns NULL. */
sr_ynode *sr_yaml_load(sr_arena *a, sr_diags *d, const sr_source *src, const sr_ylimits *lim);

/* True for a plain scalar meaning "nothing": empty, ~, null. */
bool sr_ynode_is_null(const sr_ynode *n);

/* The text of a scalar that is not null, or NULL. */
const char *sr_ynode_text(const sr_ynode *n);

/* The value of key in map n, or NULL. */
sr_ynode *sr_ymap_get(const sr_ynode *n, const char *key);

/* The key node for key in map n, or NULL. */
sr_ynode *sr_ymap_key(const sr_ynode *n, const char *key);

/* Location of the node with its underline covering the whole scalar. */
sr_loc sr_ynode_loc(const sr_ynode *n);

/* A short description of a node's kind for messages: "a list", "a mapping
 * (key: value pairs)", "the text `abc`". Written into buf. */
const char *sr_ynode_describe(const sr_ynode *n, char *buf, size_t size);

#endif

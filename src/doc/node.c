/* node: making tree nodes, walking a tree, printing table cells; see doc.h. */
#include "doc/doc.h"

#include "core/fsutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

sr_dnode *sr_dnode_new(sr_arena *a, sr_dkind k)
{
    sr_dnode *n = sr_arena_alloc(a, sizeof *n);
    n->kind = k;
    return n;
}

sr_dnode *sr_dnode_new_text(sr_arena *a, sr_dkind k, const char *text)
{
    sr_dnode *n = sr_dnode_new(a, k);
    n->text = text;
    return n;
}

sr_dnode *sr_dnode_add(sr_arena *a, sr_dnode *parent, sr_dnode *kid)
{
    if (parent->nkids == parent->kids_cap) {
        size_t cap = parent->kids_cap ? parent->kids_cap * 2 : 4;
        sr_dnode **v = sr_arena_alloc(a, cap * sizeof *v);
        if (parent->nkids)
            memcpy(v, parent->kids, parent->nkids * sizeof *v);
        parent->kids = v;
        parent->kids_cap = cap;
    }
    parent->kids[parent->nkids++] = kid;
    return kid;
}

sr_dnode *sr_dnode_new_plain(sr_arena *a, sr_dkind k, const char *text)
{
    sr_dnode *n = sr_dnode_new_text(a, k, text);
    sr_dnode_add(a, n, sr_dnode_new_text(a, SR_D_TEXT, text));
    return n;
}

bool sr_dkind_is_leaf(sr_dkind k)
{
    return k == SR_D_TEXT || k == SR_D_CODE || k == SR_D_LINEBREAK || k == SR_D_CODE_BLOCK ||
           k == SR_D_TABLE || k == SR_D_FIGURE;
}

bool sr_dkind_is_inline(sr_dkind k)
{
    return k >= SR_D_TEXT;
}

const sr_dnode *sr_dnode_find(const sr_dnode *root, sr_dkind k)
{
    for (size_t i = 0; root && i < root->nkids; i++)
        if (root->kids[i]->kind == k)
            return root->kids[i];
    return NULL;
}

/* ---- the walker ------------------------------------------------------------------------ */

typedef struct {
    const sr_dnode *node;
    size_t next; /* the kid to enter next */
} frame;

struct sr_doc_iter {
    frame *stack; /* the path from the root to the current node */
    size_t depth, cap;
    const sr_dnode *cur;
    sr_doc_event ev;
    bool started;
};

sr_doc_iter *sr_doc_iter_new(const sr_dnode *root)
{
    sr_doc_iter *it = sr_xcalloc(1, sizeof *it);
    it->cur = root;
    return it;
}

static void push(sr_doc_iter *it, const sr_dnode *n)
{
    if (it->depth == it->cap) {
        it->cap = it->cap ? it->cap * 2 : 16;
        it->stack = sr_xrealloc(it->stack, it->cap * sizeof *it->stack);
    }
    it->stack[it->depth++] = (frame){n, 0};
}

sr_doc_event sr_doc_iter_next(sr_doc_iter *it)
{
    if (!it->started) {
        it->started = true;
        if (!it->cur)
            return it->ev = SR_EV_DONE;
        if (!sr_dkind_is_leaf(it->cur->kind))
            push(it, it->cur);
        return it->ev = SR_EV_ENTER;
    }
    if (it->depth == 0) { /* after the root's EXIT, or a leaf root */
        it->cur = NULL;
        return it->ev = SR_EV_DONE;
    }
    if (it->ev == SR_EV_EXIT) {
        it->depth--; /* the node just left */
        if (it->depth == 0) {
            it->cur = NULL;
            return it->ev = SR_EV_DONE;
        }
    }
    frame *f = &it->stack[it->depth - 1];
    if (f->next < f->node->nkids) {
        const sr_dnode *kid = f->node->kids[f->next++];
        it->cur = kid;
        if (!sr_dkind_is_leaf(kid->kind))
            push(it, kid);
        return it->ev = SR_EV_ENTER;
    }
    it->cur = f->node;
    return it->ev = SR_EV_EXIT;
}

const sr_dnode *sr_doc_iter_node(const sr_doc_iter *it)
{
    return it->cur;
}

const sr_dnode *sr_doc_iter_parent(const sr_doc_iter *it)
{
    if (!it->cur)
        return NULL;
    /* A node with kids is on top of the stack itself, a leaf is not. */
    bool on_stack = it->depth && it->stack[it->depth - 1].node == it->cur;
    size_t at = on_stack ? it->depth - 1 : it->depth;
    return at ? it->stack[at - 1].node : NULL;
}

size_t sr_doc_iter_depth(const sr_doc_iter *it)
{
    if (!it->cur)
        return 0;
    bool on_stack = it->depth && it->stack[it->depth - 1].node == it->cur;
    return on_stack ? it->depth - 1 : it->depth;
}

void sr_doc_iter_skip(sr_doc_iter *it)
{
    if (it->ev != SR_EV_ENTER || !it->depth || it->stack[it->depth - 1].node != it->cur)
        return;
    it->stack[it->depth - 1].next = it->cur->nkids;
}

void sr_doc_iter_free(sr_doc_iter *it)
{
    if (!it)
        return;
    free(it->stack);
    free(it);
}

/* ---- table cells ----------------------------------------------------------------------- */

bool sr_dcol_numeric(const sr_dcol *col)
{
    return col->kind == SR_COL_VALUE || col->kind == SR_COL_CHANGE_PCT ||
           (col->kind == SR_COL_CHANGE && !col->words);
}

void sr_dcell_print(const sr_dtable *t, size_t r, size_t c, char *buf, size_t size)
{
    const sr_dcell *cell = sr_dtable_cell(t, r, c);
    const sr_dcol *col = &t->cols[c];
    buf[0] = '\0';
    switch (cell->kind) {
    case SR_CELL_EMPTY:
        break;
    case SR_CELL_TEXT:
        snprintf(buf, size, "%s", cell->text ? cell->text : "");
        break;
    case SR_CELL_VALUE:
        if (cell->shown)
            snprintf(buf, size, "%s", cell->shown);
        else
            sr_mval_format(&cell->v, cell->unit, buf, size);
        break;
    case SR_CELL_CHANGE:
        if (col->kind == SR_COL_CHANGE_PCT)
            sr_cmp_percent(cell->cmp, buf, size);
        else if (col->none_as_x && cell->cmp->status == SR_CMP_NO_PREVIOUS)
            snprintf(buf, size, "[x]");
        else if (col->words || cell->cmp->from_baseline)
            sr_cmp_words(cell->cmp, cell->unit, buf, size);
        else
            sr_cmp_diff(cell->cmp, cell->unit, buf, size);
        break;
    }
}

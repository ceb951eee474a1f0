/* Fuzz target: a page content stream through the artifact marker
 * (render/pdf_content.h). Whatever the bytes, it must not crash; when it
 * accepts them, what it writes must read back with its marked content
 * balanced and no painting operator outside tagged content, must be the
 * input with only the artifact marks added (18 bytes each), and must come
 * back unchanged from a second pass. */
#include "render/pdf_content.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Whether out is in with 2 * wrapped marks inserted, alternately
 * "/Artifact BMC\n" and "\nEMC". The state after reading i bytes of in is
 * how many marks have been read (m), which fixes where out is read: each
 * i keeps the set of m it can be reached with. */
static bool only_marks_added(const char *in, size_t size, const char *out, size_t len,
                             size_t wrapped)
{
    static const char open[] = "/Artifact BMC\n", close[] = "\nEMC";
    size_t nm = 2 * wrapped + 1;
    bool *cur = calloc(nm, 1), *next = calloc(nm, 1);
    if (!cur || !next)
        abort();
    cur[0] = true;
    bool ok = false;
    for (size_t i = 0;; i++) {
        for (size_t m = 0; m + 1 < nm; m++) { /* a mark read where the input is at i */
            size_t k = i + 14 * ((m + 1) / 2) + 4 * (m / 2);
            const char *mark = m % 2 ? close : open;
            size_t ml = m % 2 ? 4 : 14;
            if (cur[m] && k + ml <= len && memcmp(out + k, mark, ml) == 0)
                cur[m + 1] = true;
        }
        if (i == size) {
            ok = cur[nm - 1];
            break;
        }
        bool any = false;
        for (size_t m = 0; m < nm; m++) {
            size_t k = i + 14 * ((m + 1) / 2) + 4 * (m / 2);
            next[m] = cur[m] && k < len && out[k] == in[i];
            any |= next[m];
        }
        bool *t = cur;
        cur = next;
        next = t;
        if (!any)
            break;
    }
    free(cur);
    free(next);
    return ok;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > ((size_t)1 << 20))
        return 0;
    const char *in = size ? (const char *)data : "";
    sr_buf out = SR_BUF_INIT;
    char err[256];
    size_t wrapped = 0;
    if (sr_pdf_content_artifacts(in, size, &out, &wrapped, err, sizeof err) != 0) {
        if (!err[0] || out.len != 0)
            abort(); /* a refusal says why, and writes nothing */
        sr_buf_free(&out);
        return 0;
    }
    const char *o = out.data ? out.data : "";
    size_t unmarked = 1;
    if (sr_pdf_content_unmarked(o, out.len, &unmarked, err, sizeof err) != 0) {
        fprintf(stderr, "the output does not read back: %s\n", err);
        abort();
    }
    if (unmarked != 0 || out.len != size + wrapped * 18)
        abort();
    if (!only_marks_added(in, size, o, out.len, wrapped))
        abort();
    sr_buf again = SR_BUF_INIT;
    size_t more = 1;
    if (sr_pdf_content_artifacts(o, out.len, &again, &more, err, sizeof err) != 0 || more != 0 ||
        again.len != out.len || (out.len && memcmp(again.data, o, out.len) != 0))
        abort();
    sr_buf_free(&again);
    sr_buf_free(&out);
    return 0;
}

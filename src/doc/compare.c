/* compare: the area against England and its neighbours in words, see
 * compare.h. */
#include "doc/compare.h"

#include "core/buf.h"
#include "metrics/bench.h"

#include <stdio.h>
#include <string.h>

static bool is_figure(const sr_compare_fig *f)
{
    return f->v.avail == SR_AVAILABLE && !f->v.suppressed && f->v.den != 0;
}

/* What a figure that is not one is, in words. */
static const char *symbol_words(const sr_compare_fig *f)
{
    const char *s = f->shown ? f->shown : "";
    if (f->v.suppressed || strcmp(s, "[c]") == 0)
        return sr_bsym_words(SR_BSYM_C);
    if (f->v.avail == SR_NOT_APPLICABLE || strcmp(s, "[z]") == 0)
        return sr_bsym_words(SR_BSYM_Z);
    if (strcmp(s, "[low]") == 0)
        return sr_bsym_words(SR_BSYM_LOW);
    return sr_bsym_words(SR_BSYM_X);
}

const char *sr_compare_fig_words(const sr_compare_fig *f)
{
    return is_figure(f) && f->shown ? f->shown : symbol_words(f);
}

/* -1, 0 or 1: a against b, each as shown at places. */
static int order(const sr_compare_fig *a, const sr_compare_fig *b, int places)
{
    int64_t x = sr_round_frac(a->v.num, a->v.den, places);
    int64_t y = sr_round_frac(b->v.num, b->v.den, places);
    return x < y ? -1 : x > y ? 1 : 0;
}

static const char *relation(int o)
{
    return o > 0 ? "above" : o < 0 ? "below" : "the same as";
}

void sr_compare_words(const sr_compare_in *in, char *buf, size_t size)
{
    if (size == 0)
        return;
    sr_buf b = SR_BUF_INIT;
    const char *unit = in->unit == SR_U_RATE ? " per 10,000" : "";
    /* A count is compared with the neighbours' average only: every local
     * authority's count is below England's total, which says nothing. */
    bool count = in->unit == SR_U_COUNT || in->unit == SR_U_MONEY;
    bool eng = !count && is_figure(&in->england);
    bool nb = in->nlisted > 0 && in->nmean > 0 && is_figure(&in->neighbours);
    if (!is_figure(&in->area)) {
        sr_buf_printf(&b, "not compared: the area's figure is %s", symbol_words(&in->area));
    } else if (count && !nb) {
        sr_buf_puts(&b, in->nlisted == 0
                            ? "not compared: a count is compared with the statistical "
                              "neighbours' average only, and partnership.yaml lists no neighbours"
                            : "not compared: a count is compared with the statistical "
                              "neighbours' average only, and no neighbour has a figure");
    } else if (!eng && !nb) {
        sr_buf_printf(&b, "not compared: England's figure is %s", symbol_words(&in->england));
        if (in->nlisted > 0)
            sr_buf_puts(&b, in->nmean == 0 ? ", and no neighbour has a figure"
                                           : ", and so is the neighbours' average");
    } else {
        int oe = eng ? order(&in->area, &in->england, in->places) : 0;
        int on = nb ? order(&in->area, &in->neighbours, in->places) : 0;
        if (eng)
            sr_buf_printf(&b, "%s England (%s%s)", relation(oe), in->england.shown, unit);
        if (nb) {
            if (eng)
                sr_buf_puts(&b, oe == on ? " and " : " but ");
            if (!eng || oe != on)
                sr_buf_printf(&b, "%s ", relation(on));
            sr_buf_printf(&b, "the neighbours' average (%s%s", in->neighbours.shown,
                          eng ? "" : unit);
            if (in->nmean < in->nlisted)
                sr_buf_printf(&b, ", of %zu of the %zu neighbours", in->nmean, in->nlisted);
            sr_buf_puts(&b, ")");
        }
        if (!eng && !count)
            sr_buf_printf(&b, "; England's figure is %s", symbol_words(&in->england));
        else if (in->nlisted > 0 && !nb)
            sr_buf_puts(&b, in->nmean == 0 ? "; no neighbour has a figure"
                                           : "; the neighbours' average is not available");
    }
    snprintf(buf, size, "%s", sr_buf_str(&b));
    sr_buf_free(&b);
}

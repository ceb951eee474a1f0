/* outputs: the list of outputs a build writes, see render.h. A new output
 * is one renderer in src/render/ (defining sr_output_NAME) and one line
 * here. */
#include "render/render.h"

#include <stddef.h>

/* In the order a build writes them, each with its share, in per cent, of
 * the time the outputs of the sample report take one after another
 * (`build --timings --jobs 1`): what `build --jobs N` balances its
 * processes by. */
#define SR_OUTPUT_LIST(X)                                                                          \
    X(pdf, 51)                                                                                     \
    X(charts, 45)                                                                                  \
    X(xlsx, 3)                                                                                     \
    X(html, 1)

#define SR_DECLARE(name, cost) extern const sr_output sr_output_##name;
SR_OUTPUT_LIST(SR_DECLARE)

#define SR_ENTRY(name, cost) &sr_output_##name,
const sr_output *const sr_outputs[] = {SR_OUTPUT_LIST(SR_ENTRY) NULL};

#define SR_COST(name, cost) cost,
const unsigned sr_output_costs[] = {SR_OUTPUT_LIST(SR_COST) 0};

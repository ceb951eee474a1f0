/* outputs: the list of outputs a build writes, see render.h. A new output
 * is one renderer in src/render/ (defining sr_output_NAME) and one line
 * here. */
#include "render/render.h"

#include <stddef.h>

/* In the order a build writes them. */
#define SR_OUTPUT_LIST(X)                                                                          \
    X(pdf)                                                                                         \
    X(charts)                                                                                      \
    X(xlsx)                                                                                        \
    X(html)

#define SR_DECLARE(name) extern const sr_output sr_output_##name;
SR_OUTPUT_LIST(SR_DECLARE)

#define SR_ENTRY(name) &sr_output_##name,
const sr_output *const sr_outputs[] = {SR_OUTPUT_LIST(SR_ENTRY) NULL};

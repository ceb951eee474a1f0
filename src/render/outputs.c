/* outputs: the list of outputs a build writes, see render.h. A new output
 * is one renderer in src/render/ and one line here. */
#include "render/render.h"

#include <stddef.h>

const sr_output *const sr_outputs[] = {
    &sr_output_pdf,
    &sr_output_charts,
    &sr_output_xlsx,
    &sr_output_html,
    NULL,
};

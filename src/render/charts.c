/* TEMPORARY (this commit only): the chart files writer, being written. */
#include "render/render.h"

#include <stdio.h>

static int write_stub(const sr_document *doc, const sr_render_options *o, const char *path,
                      sr_render_result *r, char *err, size_t errlen)
{
    (void)doc, (void)o, (void)path, (void)r;
    snprintf(err, errlen, "being rewritten");
    return -1;
}

const sr_output sr_output_charts = {"charts", "charts", true, false, write_stub};

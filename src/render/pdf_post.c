/* pdf_post: /Lang, /Alt and DisplayDocTitle with libqpdf, see pdf_post.h. */
#include "render/pdf_post.h"

#include <qpdf/qpdf-c.h>
#include <stdio.h>
#include <string.h>

typedef struct {
    qpdf_data q;
    const char *const *alts;
    size_t nalts, next;
    int depth;
} walk;

/* Depth-first through the structure tree, in document order. */
static void visit(walk *w, qpdf_oh node)
{
    if (++w->depth > 200) { /* cairo's trees are shallow; a cycle would not end */
        w->depth--;
        return;
    }
    if (qpdf_oh_is_array(w->q, node)) {
        int n = qpdf_oh_get_array_n_items(w->q, node);
        for (int i = 0; i < n; i++)
            visit(w, qpdf_oh_get_array_item(w->q, node, i));
    } else if (qpdf_oh_is_dictionary(w->q, node)) {
        qpdf_oh s = qpdf_oh_get_key(w->q, node, "/S");
        if (qpdf_oh_is_name_and_equals(w->q, s, "/Figure")) {
            if (w->next < w->nalts)
                qpdf_oh_replace_key(w->q, node, "/Alt",
                                    qpdf_oh_new_unicode_string(w->q, w->alts[w->next]));
            w->next++;
        }
        if (qpdf_oh_has_key(w->q, node, "/K"))
            visit(w, qpdf_oh_get_key(w->q, node, "/K"));
    }
    w->depth--;
}

int sr_pdf_post(const char *in, size_t len, const sr_pdf_post_in *pi, sr_buf *out,
                sr_pdf_post_out *found, char *err, size_t errlen)
{
    const char *lang = pi->lang ? pi->lang : "";
    qpdf_data q = qpdf_init();
    qpdf_set_suppress_warnings(q, QPDF_TRUE);
    int rc = 0;
    if (qpdf_read_memory(q, "report.pdf", in, len, NULL) & QPDF_ERRORS) {
        snprintf(err, errlen, "cannot read the PDF back: %s",
                 qpdf_get_error_full_text(q, qpdf_get_error(q)));
        qpdf_cleanup(&q);
        return -1;
    }
    qpdf_oh root = qpdf_get_root(q);
    qpdf_oh_replace_key(q, root, "/Lang", qpdf_oh_new_unicode_string(q, lang));
    qpdf_oh vp = qpdf_oh_has_key(q, root, "/ViewerPreferences")
                     ? qpdf_oh_get_key(q, root, "/ViewerPreferences")
                     : qpdf_oh_new_dictionary(q);
    qpdf_oh_replace_key(q, vp, "/DisplayDocTitle", qpdf_oh_new_bool(q, QPDF_TRUE));
    qpdf_oh_replace_key(q, root, "/ViewerPreferences", vp);
    walk w = {q, pi->alts, pi->nalts, 0, 0};
    if (qpdf_oh_has_key(q, root, "/StructTreeRoot"))
        visit(&w, qpdf_oh_get_key(q, qpdf_oh_get_key(q, root, "/StructTreeRoot"), "/K"));
    if (found)
        *found = (sr_pdf_post_out){w.next, 0};
    if (qpdf_init_write_memory(q) & QPDF_ERRORS) {
        rc = -1;
    } else {
        qpdf_set_deterministic_ID(q, QPDF_TRUE);
        if (qpdf_write(q) & QPDF_ERRORS)
            rc = -1;
        else
            sr_buf_put(out, (const char *)qpdf_get_buffer(q), qpdf_get_buffer_length(q));
    }
    if (rc != 0)
        snprintf(err, errlen, "cannot write the PDF: %s",
                 qpdf_has_error(q) ? qpdf_get_error_full_text(q, qpdf_get_error(q)) : "?");
    qpdf_cleanup(&q);
    return rc;
}

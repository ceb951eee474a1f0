/* Unit tests for src/render/pdf.c on small trees built by hand: the text
 * as pdftotext reads it (cover, contents, headings, inlines escaped, a
 * nested list, a quotation, a code block, a note, the footer), links as
 * link annotations with their addresses over their words, a table with a
 * baseline column (not printed) and a hidden cell, a chart with its text
 * alternative in the structure, the annex and the chart files not printed,
 * deep nesting and long tables kept whole, and the output's result line. */
#include "testutil.h"

#include "chart/chart.h"
#include "core/fmt.h"
#include "doc/doc.h"
#include "render/pdf.h"
#include "render/render.h"

#include <ctype.h>
#include <math.h>
#include <qpdf/qpdf-c.h>
#include <sys/resource.h>
#include <sys/stat.h>

static sr_fonts *fonts;
static char tmpdir[256];

static int setup(void **state)
{
    (void)state;
    char dir[1024], err[256];
    const char *src = getenv("SSCP_SOURCE_DIR");
    snprintf(dir, sizeof dir, "%s/fonts", src ? src : ".");
    fonts = sr_fonts_open(dir, err, sizeof err);
    if (!fonts)
        return -1;
    const char *t = getenv("TMPDIR");
    snprintf(tmpdir, sizeof tmpdir, "%s/test_render_pdf.XXXXXX", t && *t ? t : "/tmp");
    return mkdtemp(tmpdir) ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    sr_fonts_close(fonts);
    sr_remove_flat_dir(tmpdir); /* with what a failed test left */
    return 0;
}

/* ---- trees ----------------------------------------------------------------------------- */

static sr_dnode *text(sr_arena *a, const char *s)
{
    return sr_dnode_new_text(a, SR_D_TEXT, s);
}

static sr_dnode *ln(sr_arena *a, const char *url, const char *words)
{
    sr_dnode *n = sr_dnode_new(a, SR_D_LINK);
    n->url = url;
    sr_dnode_add(a, n, text(a, words));
    return n;
}

static sr_dnode *wrap(sr_arena *a, sr_dkind k, sr_dnode *kid)
{
    sr_dnode *n = sr_dnode_new(a, k);
    sr_dnode_add(a, n, kid);
    return n;
}

/* A block of kind k with the given inlines, NULL-terminated, added to parent. */
static sr_dnode *block(sr_arena *a, sr_dnode *parent, sr_dkind k, ...)
{
    sr_dnode *n = sr_dnode_new(a, k);
    va_list ap;
    va_start(ap, k);
    for (sr_dnode *kid; (kid = va_arg(ap, sr_dnode *));)
        sr_dnode_add(a, n, kid);
    va_end(ap);
    return sr_dnode_add(a, parent, n);
}

static sr_dnode *section(sr_arena *a, sr_dnode *root, const char *number, const char *title,
                         const char *anchor)
{
    sr_dnode *s = sr_dnode_new_text(a, SR_D_SECTION, title);
    s->level = 1;
    s->number = number;
    s->anchor = anchor;
    return sr_dnode_add(a, root, s);
}

static sr_dnode *heading(sr_arena *a, sr_dnode *parent, const char *number, const char *title,
                         const char *anchor)
{
    sr_dnode *h = block(a, parent, SR_D_HEADING, text(a, title), NULL);
    h->level = 2;
    h->number = number;
    h->text = title;
    h->anchor = anchor;
    return h;
}

static sr_dnode *item(sr_arena *a, sr_dnode *list, const char *words)
{
    sr_dnode *it = sr_dnode_add(a, list, sr_dnode_new(a, SR_D_ITEM));
    block(a, it, SR_D_PARAGRAPH, text(a, words), NULL);
    return it;
}

static sr_mval count(int64_t n)
{
    return (sr_mval){.avail = SR_AVAILABLE, .num = n, .den = 1};
}

/* The comparison of cur with prev (counts), from year prev_year. */
static sr_cmp *compare(sr_arena *a, int64_t cur, int64_t prev, int prev_year, bool baseline)
{
    sr_cmp *c = sr_arena_alloc(a, sizeof *c);
    c->status = SR_CMP_OK;
    c->prev = count(prev);
    c->prev_year = prev_year;
    c->from_baseline = baseline;
    c->dnum = cur - prev;
    c->dden = 1;
    c->pct_ok = prev >= SR_PCT_MIN_BASE;
    c->pnum = (sr_i128)(cur - prev) * 100;
    c->pden = prev;
    return c;
}

enum { C_LABEL, C_PREV, C_CUR, C_BASE, C_CHANGE, C_PCT, C_UNIT, NCOLS };

/* A metric table: the year before, the year, a baseline column for the
 * workbook only, the change in words, the percentage for the workbook. */
static sr_dtable *metric_table(sr_arena *a, size_t nrows)
{
    sr_dtable *t = sr_arena_alloc(a, sizeof *t);
    t->caption = "Referrals, 2019-20";
    t->note = "[x] not available, [z] not applicable, [c] hidden to protect small numbers.";
    t->ncols = NCOLS;
    t->cols = sr_arena_alloc(a, NCOLS * sizeof *t->cols);
    t->cols[C_LABEL] = (sr_dcol){.kind = SR_COL_LABEL, .head = "Figure", .shown = SR_OUT_ALL};
    t->cols[C_PREV] =
        (sr_dcol){.kind = SR_COL_VALUE, .head = "2018-19", .shown = SR_OUT_ALL, .year = 2018};
    t->cols[C_CUR] =
        (sr_dcol){.kind = SR_COL_VALUE, .head = "2019-20", .shown = SR_OUT_ALL, .year = 2019};
    t->cols[C_BASE] = (sr_dcol){
        .kind = SR_COL_VALUE, .head = "Baseline (2017-18)", .shown = SR_OUT_DATA, .baseline = true};
    t->cols[C_CHANGE] = (sr_dcol){.kind = SR_COL_CHANGE,
                                  .head = "Change",
                                  .shown = SR_OUT_ALL,
                                  .words = true,
                                  .cur = C_CUR,
                                  .prev = C_PREV,
                                  .base = C_BASE};
    t->cols[C_PCT] = (sr_dcol){.kind = SR_COL_CHANGE_PCT,
                               .head = "Change (%)",
                               .shown = SR_OUT_DATA,
                               .cur = C_CUR,
                               .prev = C_PREV,
                               .base = C_BASE};
    t->cols[C_UNIT] = (sr_dcol){.kind = SR_COL_TEXT, .head = "Unit", .shown = SR_OUT_DATA};
    t->nrows = nrows;
    t->cells = sr_arena_alloc(a, nrows * NCOLS * sizeof *t->cells);
    return t;
}

static void set_row(sr_dtable *t, size_t r, const char *label, sr_mval prev, sr_mval cur,
                    sr_mval base, const sr_cmp *cmp)
{
    sr_dcell *c = &t->cells[r * NCOLS];
    c[C_LABEL] = (sr_dcell){.kind = SR_CELL_TEXT, .text = label};
    c[C_PREV] = (sr_dcell){.kind = SR_CELL_VALUE, .unit = SR_U_COUNT, .v = prev};
    c[C_CUR] = (sr_dcell){.kind = SR_CELL_VALUE, .unit = SR_U_COUNT, .v = cur};
    c[C_BASE] = base.den ? (sr_dcell){.kind = SR_CELL_VALUE, .unit = SR_U_COUNT, .v = base}
                         : (sr_dcell){.kind = SR_CELL_EMPTY};
    c[C_CHANGE] = (sr_dcell){.kind = SR_CELL_CHANGE, .unit = SR_U_COUNT, .cmp = cmp};
    c[C_PCT] = (sr_dcell){.kind = SR_CELL_CHANGE, .unit = SR_U_COUNT, .cmp = cmp};
    c[C_UNIT] = (sr_dcell){.kind = SR_CELL_TEXT, .text = "referrals (a unit column)"};
}

static const char *cats[] = {"2017-18", "2018-19", "2019-20"};
static sr_chart_value values[] = {
    {3100, "3,100", false}, {3653, "3,653", false}, {3243, "3,243", false}};
static sr_chart_series series[] = {{"Referrals", values}};

static const char ALT[] = "A bar chart of referrals by year: 3,653 in 2018-19, the most, and "
                          "3,243 in 2019-20, down 11.2%.";

static sr_dfigure *figure(sr_arena *a)
{
    sr_chart *ch = sr_arena_alloc(a, sizeof *ch);
    ch->kind = SR_CHART_BAR;
    ch->id = "referrals";
    ch->title = "Referrals by year";
    ch->x_title = "Year";
    ch->y_title = "Referrals";
    ch->what = "referrals";
    ch->categories = cats;
    ch->ncat = 3;
    ch->series = series;
    ch->nseries = 1;
    ch->whole = true;
    ch->draw_title = true; /* as the chart files want it: the PDF draws its caption instead */
    sr_dfigure *f = sr_arena_alloc(a, sizeof *f);
    f->id = "referrals";
    f->chart = ch;
    f->alt = ALT;
    f->width = 480;
    f->height = 260;
    return f;
}

static void document(sr_arena *a, sr_document *doc)
{
    memset(doc, 0, sizeof *doc);
    doc->title = "Test Safeguarding Children Partnership annual report 2019-20";
    doc->partnership = "Test Safeguarding Children Partnership";
    doc->short_name = "TSCP";
    doc->year = "2019-20";
    doc->period = "1 April 2019 to 31 March 2020";
    doc->covering = "Covering 1 April 2019 to 31 March 2020";
    doc->cover_title = "Annual report 2019-20";
    doc->footer = "TSCP annual report 2019-20";
    doc->lang = "en-GB";
    doc->subject = "The yearly report of the partnership";
    doc->keywords = "safeguarding, children";
    doc->accent[0] = 0.1, doc->accent[1] = 0.3, doc->accent[2] = 0.6;
    doc->root = sr_dnode_new(a, SR_D_DOCUMENT);
}

/* The tree every test but the stress ones uses. */
static sr_dtable *the_table;
static sr_dfigure *the_figure;

static void sample(sr_arena *a, sr_document *doc)
{
    document(a, doc);
    sr_dnode *root = doc->root;
    sr_dnode *s1 = section(a, root, "1", "Introduction", "introduction");
    block(a, s1, SR_D_PARAGRAPH, text(a, "Read the "), ln(a, "https://example.org/guide", "guide"),
          text(a, " or write to "), ln(a, "mailto:help@example.org", "help@example.org"),
          text(a, " today."), NULL);
    /* An autolink's words are its address, scheme and all: not repeated. */
    block(a, s1, SR_D_PARAGRAPH, text(a, "Or "),
          ln(a, "MAILTO:desk@example.org", "MAILTO:desk@example.org"), text(a, " or "),
          ln(a, "tel:+441610000000", "tel:+441610000000"), text(a, "."), NULL);
    block(a, s1, SR_D_PARAGRAPH, text(a, "Call "), ln(a, "tel:+441614742020", "0161 474 2020"),
          text(a, " or see "), ln(a, "https://example.org/it's\\odd (\xC3\xA9)", "the odd page"),
          text(a, "."), NULL);
    block(a, s1, SR_D_PARAGRAPH, text(a, "Less < more & <b>not bold</b> "),
          wrap(a, SR_D_EMPH, text(a, "leaning")), text(a, " "),
          wrap(a, SR_D_STRONG, text(a, "heavy")), text(a, " "),
          sr_dnode_new_text(a, SR_D_CODE, "<tt>code</tt>"), sr_dnode_new(a, SR_D_LINEBREAK),
          text(a, "After the break."), NULL);
    heading(a, s1, "1.1", "Lists & quotes", "lists");
    sr_dnode *list = block(a, s1, SR_D_LIST, NULL);
    item(a, list, "First point");
    sr_dnode *second = item(a, list, "Second point");
    sr_dnode *inner = block(a, second, SR_D_LIST, NULL);
    inner->ordered = true;
    item(a, inner, "Inner one");
    item(a, inner, "Inner two");
    item(a, list, "Third point");
    sr_dnode *q = block(a, s1, SR_D_QUOTE, NULL);
    block(a, q, SR_D_PARAGRAPH, text(a, "Words said by a young person."), NULL);
    sr_dnode_add(a, s1, sr_dnode_new_text(a, SR_D_CODE_BLOCK, "literal <code> & more"));
    sr_dnode_add(a, s1, sr_dnode_new_plain(a, SR_D_NOTE, "A note set apart."));

    sr_dnode *s2 = section(a, root, "2", "Figures", "figures");
    sr_dtable *t = metric_table(a, 3);
    sr_mval hidden = {.avail = SR_AVAILABLE, .num = 3, .den = 1, .suppressed = true};
    sr_mval na = {.avail = SR_NOT_AVAILABLE, .den = 1};
    set_row(t, 0, "Referrals", count(3653), count(3243), (sr_mval){0},
            compare(a, 3243, 3653, 2018, false));
    sr_cmp *sup = sr_arena_alloc(a, sizeof *sup);
    sup->status = SR_CMP_SUPPRESSED;
    sup->prev_year = 2018;
    set_row(t, 1, "Small numbers", count(14), hidden, (sr_mval){0}, sup);
    set_row(t, 2, "From a baseline", na, count(120), count(100), compare(a, 120, 100, 2017, true));
    t->sheet = "Referrals";
    the_table = t;
    sr_dnode *tn = sr_dnode_add(a, s2, sr_dnode_new(a, SR_D_TABLE));
    tn->table = t;
    sr_dfigure *f = figure(a);
    the_figure = f;
    sr_dnode *fn = sr_dnode_add(a, s2, sr_dnode_new(a, SR_D_FIGURE));
    fn->figure = f;
    heading(a, s2, "2.1", "Where to go", "where");
    block(a, s2, SR_D_PARAGRAPH, text(a, "The partnership's pages: "),
          ln(a, "https://example.org/a/long/address/that/goes/on",
             "the pages where every one of the partners says how to report a concern about a "
             "child, and what happens next"),
          text(a, ", kept up to date."), NULL);

    /* Not printed: the annex, and the chart files. */
    sr_dnode *annex = sr_dnode_add(a, root, sr_dnode_new(a, SR_D_ANNEX));
    sr_dnode *at = sr_dnode_add(a, annex, sr_dnode_new(a, SR_D_TABLE));
    at->table = t;
    sr_dtable *only = metric_table(a, 0);
    only->caption = "A table of the annex only";
    sr_dnode *at2 = sr_dnode_add(a, annex, sr_dnode_new(a, SR_D_TABLE));
    at2->table = only;
    sr_dnode *files = sr_dnode_add(a, root, sr_dnode_new(a, SR_D_CHART_FILES));
    sr_dnode *ff = sr_dnode_add(a, files, sr_dnode_new(a, SR_D_FIGURE));
    ff->figure = f;
}

/* ---- reading the PDF back -------------------------------------------------------------- */

static char *render(const sr_document *doc, bool draft, sr_render_result *r, const char *name)
{
    char *path = sr_path_join(tmpdir, name);
    const char *warnings[] = {"a warning of the draft"};
    sr_render_options o = {fonts, 1700000000, draft, warnings, 1, NULL};
    char err[256] = "";
    memset(r, 0, sizeof *r);
    if (sr_output_pdf.write(doc, &o, path, r, err, sizeof err) != 0)
        fail_msg("the PDF was not written: %s", err);
    return path;
}

static char *run(const char *cmd)
{
    FILE *p = popen(cmd, "r");
    if (!p)
        fail_msg("cannot run %s", cmd);
    sr_buf b = SR_BUF_INIT;
    char chunk[4096];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, p)) > 0)
        sr_buf_put(&b, chunk, n);
    if (pclose(p) != 0)
        fail_msg("%s failed", cmd);
    return sr_buf_take(&b);
}

static const char *str_or_empty(const char *s)
{
    return s ? s : "";
}

/* pdftotext -layout, with every run of spaces made one, and of line ends. */
static char *pdf_text(const char *path)
{
    char cmd[1024];
    snprintf(cmd, sizeof cmd, "pdftotext -layout '%s' -", path);
    char *s = run(cmd), *o = s;
    for (const char *i = s; *i; i++) {
        if (*i == ' ' && (o == s || o[-1] == ' ' || o[-1] == '\n'))
            continue;
        if (*i == '\n' && o > s && o[-1] == ' ')
            o--;
        if (*i == '\n' && o > s && o[-1] == '\n')
            continue;
        *o++ = *i;
    }
    *o = '\0';
    return s;
}

static void has(const char *text, const char *want)
{
    if (!strstr(text, want))
        fail_msg("the PDF's text lacks \"%s\":\n%s", want, text);
}

static void lacks(const char *text, const char *unwanted)
{
    if (strstr(text, unwanted))
        fail_msg("the PDF's text has \"%s\"", unwanted);
}

static size_t occurrences(const char *text, const char *s)
{
    size_t n = 0;
    for (const char *p = text; (p = strstr(p, s)); p += strlen(s))
        n++;
    return n;
}

/* The line of text holding every one of want, in that order; fails without. */
static void line_in_order(const char *text, const char *const *want, size_t n)
{
    for (const char *line = text; *line;) {
        const char *end = strchr(line, '\n');
        size_t len = end ? (size_t)(end - line) : strlen(line);
        char *l = sr_xstrdup(line);
        l[len] = '\0';
        const char *at = l;
        size_t k = 0;
        for (; k < n; k++) {
            const char *f = strstr(at, want[k]);
            if (!f)
                break;
            at = f + strlen(want[k]);
        }
        free(l);
        if (k == n)
            return;
        line = end ? end + 1 : line + len;
    }
    fail_msg("no line has \"%s\" ... \"%s\" in order:\n%s", want[0], want[n - 1], text);
}

/* A word's box as pdftotext -bbox gives it (points, from the top left), on
 * page `page` (1 is the first); the nth (0 first) of that word. */
typedef struct {
    int page;
    double x0, y0, x1, y1;
} wbox;

static bool word_box(const char *path, const char *word, size_t nth, wbox *out)
{
    char cmd[1024];
    snprintf(cmd, sizeof cmd, "pdftotext -bbox '%s' -", path);
    char *s = run(cmd);
    int page = 0;
    bool found = false;
    for (char *line = strtok(s, "\n"); line; line = strtok(NULL, "\n")) {
        if (strstr(line, "<page "))
            page++;
        double x0, y0, x1, y1;
        char w[256];
        if (sscanf(line, " <word xMin=\"%lf\" yMin=\"%lf\" xMax=\"%lf\" yMax=\"%lf\">%255[^<]", &x0,
                   &y0, &x1, &y1, w) == 5 &&
            strcmp(w, word) == 0 && nth-- == 0) {
            *out = (wbox){page, x0, y0, x1, y1};
            found = true;
            break;
        }
    }
    free(s);
    return found;
}

typedef struct {
    int page;              /* 1 is the first */
    char *uri;             /* NULL for a link inside the document */
    int dest_page;         /* a link inside the document: the page it goes to, or 0 */
    int quads;             /* how many numbers its /QuadPoints have: 8 a line */
    double x0, y0, x1, y1; /* from the page's top left, as pdftotext gives words */
    double *quad;          /* quads / 8 rectangles as x0, y0, x1, y1, the same way */
} annot;

/* An element of the structure tree: its kids, and the pages of its marked
 * content (MCIDs). */
typedef struct snode snode;
struct snode {
    char *tag; /* "P", without the slash */
    char *alt; /* its /Alt, or NULL */
    int nmcid;
    int first_page, last_page; /* of its marked content; 0 without */
    snode **kids;
    size_t nkids;
};

typedef struct {
    annot *v;
    size_t n;
    int pages;
    snode tree;     /* the StructTreeRoot: its kids are the top-level elements */
    char **outline; /* the outline's titles, depth first */
    size_t noutline;
    char *lang;
    char **alts; /* of the Figure structure elements, in order */
    size_t nalts;
    size_t link_content, link_text; /* marked content of Link elements; with text in it */
    size_t figure_content;          /* marked content of Figure elements that paints and
                                       shows text: a chart */
} pdf_facts;

/* Where needle first is in the n bytes at s, or NULL. */
static const char *find(const char *s, size_t n, const char *needle)
{
    size_t k = strlen(needle);
    for (size_t i = 0; i + k <= n; i++)
        if (memcmp(s + i, needle, k) == 0)
            return s + i;
    return NULL;
}

/* Counts the page's marked content of Link elements, and those that show
 * text: the link's words are drawn inside its element. */
static void link_content(const char *s, size_t len, pdf_facts *f)
{
    const char *end = s + len;
    for (const char *p = s; p < end && (p = find(p, (size_t)(end - p), "/Link")); p += 5) {
        const char *q = p + 5;
        while (q < end && isspace((unsigned char)*q))
            q++;
        if (q + 2 > end || memcmp(q, "<<", 2) != 0)
            continue; /* not a marked content sequence */
        const char *emc = find(q, (size_t)(end - q), "EMC");
        if (!emc)
            fail_msg("a Link marked content sequence has no end");
        f->link_content++;
        size_t n = (size_t)(emc - q);
        if (find(q, n, "Tj") || find(q, n, "TJ"))
            f->link_text++;
    }
}

/* Counts the page's marked content of Figure elements that fill shapes
 * and show text, as a chart does. */
static void figure_content(const char *s, size_t len, pdf_facts *f)
{
    const char *end = s + len;
    for (const char *p = s; p < end && (p = find(p, (size_t)(end - p), "/Figure")); p += 7) {
        const char *q = p + 7;
        while (q < end && isspace((unsigned char)*q))
            q++;
        if (q + 2 > end || memcmp(q, "<<", 2) != 0)
            continue;
        const char *emc = find(q, (size_t)(end - q), "EMC");
        if (!emc)
            fail_msg("a Figure marked content sequence has no end");
        size_t n = (size_t)(emc - q);
        if ((find(q, n, "Tj") || find(q, n, "TJ")) && (find(q, n, " f\n") || find(q, n, " f*")))
            f->figure_content++;
    }
}

static void walk_struct(qpdf_data q, qpdf_oh node, pdf_facts *f, int depth)
{
    if (depth > 100)
        return;
    if (qpdf_oh_is_array(q, node)) {
        for (int i = 0; i < qpdf_oh_get_array_n_items(q, node); i++)
            walk_struct(q, qpdf_oh_get_array_item(q, node, i), f, depth + 1);
    } else if (qpdf_oh_is_dictionary(q, node)) {
        if (qpdf_oh_is_name_and_equals(q, qpdf_oh_get_key(q, node, "/S"), "/Figure")) {
            f->alts = sr_xrealloc(f->alts, (f->nalts + 1) * sizeof *f->alts);
            qpdf_oh alt = qpdf_oh_get_key(q, node, "/Alt");
            f->alts[f->nalts++] =
                sr_xstrdup(qpdf_oh_is_string(q, alt) ? qpdf_oh_get_utf8_value(q, alt) : "");
        }
        if (qpdf_oh_has_key(q, node, "/K"))
            walk_struct(q, qpdf_oh_get_key(q, node, "/K"), f, depth + 1);
    }
}

/* Page objects' ids, to find a page's number (1 first, 0 if none). */
static int page_number(qpdf_data q, qpdf_oh pg)
{
    int id = qpdf_oh_get_object_id(q, pg);
    int n = qpdf_get_num_pages(q);
    for (int p = 0; id && p < n; p++)
        if (qpdf_oh_get_object_id(q, qpdf_get_page_n(q, (size_t)p)) == id)
            return p + 1;
    return 0;
}

static void add_mcid(snode *s, int page)
{
    s->nmcid++;
    if (!s->first_page || page < s->first_page)
        s->first_page = page;
    if (page > s->last_page)
        s->last_page = page;
}

/* The element node's kids (/K: an element, an MCID, a marked-content
 * reference, or an array of them), added to s; pg is the page the element
 * says its content is on. */
static void read_kids(qpdf_data q, qpdf_oh k, snode *s, int pg, int depth);

static snode *read_element(qpdf_data q, qpdf_oh node, int depth)
{
    snode *s = sr_xcalloc(1, sizeof *s);
    const char *tag = qpdf_oh_get_name(q, qpdf_oh_get_key(q, node, "/S"));
    s->tag = sr_xstrdup(tag && tag[0] == '/' ? tag + 1 : str_or_empty(tag));
    qpdf_oh alt = qpdf_oh_get_key(q, node, "/Alt");
    if (qpdf_oh_is_string(q, alt))
        s->alt = sr_xstrdup(qpdf_oh_get_utf8_value(q, alt));
    int pg = page_number(q, qpdf_oh_get_key(q, node, "/Pg"));
    if (depth < 200 && qpdf_oh_has_key(q, node, "/K"))
        read_kids(q, qpdf_oh_get_key(q, node, "/K"), s, pg, depth + 1);
    return s;
}

static void read_kids(qpdf_data q, qpdf_oh k, snode *s, int pg, int depth)
{
    if (qpdf_oh_is_array(q, k)) {
        for (int i = 0; i < qpdf_oh_get_array_n_items(q, k); i++)
            read_kids(q, qpdf_oh_get_array_item(q, k, i), s, pg, depth);
    } else if (qpdf_oh_is_integer(q, k)) {
        add_mcid(s, pg);
    } else if (qpdf_oh_is_dictionary(q, k)) {
        qpdf_oh type = qpdf_oh_get_key(q, k, "/Type");
        if (qpdf_oh_is_name_and_equals(q, type, "/MCR")) {
            int p = page_number(q, qpdf_oh_get_key(q, k, "/Pg"));
            add_mcid(s, p ? p : pg);
        } else if (qpdf_oh_is_name_and_equals(q, type, "/OBJR")) {
            /* an annotation: not content */
        } else if (qpdf_oh_has_key(q, k, "/S")) {
            s->kids = sr_xrealloc(s->kids, (s->nkids + 1) * sizeof *s->kids);
            s->kids[s->nkids++] = read_element(q, k, depth);
        }
    }
}

static void snode_free(snode *s)
{
    for (size_t i = 0; i < s->nkids; i++) {
        snode_free(s->kids[i]);
        free(s->kids[i]);
    }
    free(s->kids);
    free(s->tag);
    free(s->alt);
}

/* The page a link's /Dest goes to: an explicit destination, or a name in
 * the catalogue's /Dests name tree (cairo writes one flat /Names array). */
static int dest_page(qpdf_data q, qpdf_oh dest)
{
    if (qpdf_oh_is_string(q, dest)) {
        /* qpdf's strings last until its next call: a copy */
        char *name = sr_xstrdup(qpdf_oh_get_utf8_value(q, dest));
        qpdf_oh names = qpdf_oh_get_key(
            q, qpdf_oh_get_key(q, qpdf_oh_get_key(q, qpdf_get_root(q), "/Names"), "/Dests"),
            "/Names");
        for (int i = 0; qpdf_oh_is_array(q, names) && i + 1 < qpdf_oh_get_array_n_items(q, names);
             i += 2) {
            qpdf_oh key = qpdf_oh_get_array_item(q, names, i);
            if (qpdf_oh_is_string(q, key) && strcmp(qpdf_oh_get_utf8_value(q, key), name) == 0) {
                dest = qpdf_oh_get_array_item(q, names, i + 1);
                break;
            }
        }
        free(name);
    }
    if (qpdf_oh_is_dictionary(q, dest))
        dest = qpdf_oh_get_key(q, dest, "/D");
    if (!qpdf_oh_is_array(q, dest))
        return 0;
    return page_number(q, qpdf_oh_get_array_item(q, dest, 0));
}

static void read_outline(qpdf_data q, qpdf_oh item, pdf_facts *f, int depth)
{
    for (int n = 0; qpdf_oh_is_dictionary(q, item) && n < 10000 && depth < 50; n++) {
        qpdf_oh title = qpdf_oh_get_key(q, item, "/Title");
        f->outline = sr_xrealloc(f->outline, (f->noutline + 1) * sizeof *f->outline);
        f->outline[f->noutline++] =
            sr_xstrdup(qpdf_oh_is_string(q, title) ? qpdf_oh_get_utf8_value(q, title) : "");
        read_outline(q, qpdf_oh_get_key(q, item, "/First"), f, depth + 1);
        item = qpdf_oh_get_key(q, item, "/Next");
    }
}

static pdf_facts read_pdf(const char *path)
{
    pdf_facts f = {0};
    qpdf_data q = qpdf_init();
    qpdf_set_suppress_warnings(q, QPDF_TRUE);
    if (qpdf_read(q, path, NULL) & QPDF_ERRORS)
        fail_msg("qpdf cannot read %s", path);
    f.pages = qpdf_get_num_pages(q);
    for (int p = 0; p < f.pages; p++) {
        qpdf_oh page = qpdf_get_page_n(q, (size_t)p);
        qpdf_oh box = qpdf_oh_get_key(q, page, "/MediaBox");
        double ph = qpdf_oh_get_numeric_value(q, qpdf_oh_get_array_item(q, box, 3));
        unsigned char *content = NULL;
        size_t clen = 0;
        if (qpdf_oh_get_page_content_data(q, page, &content, &clen) & QPDF_ERRORS)
            fail_msg("qpdf cannot read page %d's content", p + 1);
        link_content((const char *)content, clen, &f);
        figure_content((const char *)content, clen, &f);
        free(content);
        qpdf_oh annots = qpdf_oh_get_key(q, page, "/Annots");
        for (int i = 0; qpdf_oh_is_array(q, annots) && i < qpdf_oh_get_array_n_items(q, annots);
             i++) {
            qpdf_oh an = qpdf_oh_get_array_item(q, annots, i);
            if (!qpdf_oh_is_name_and_equals(q, qpdf_oh_get_key(q, an, "/Subtype"), "/Link"))
                continue;
            f.v = sr_xrealloc(f.v, (f.n + 1) * sizeof *f.v);
            annot *a = &f.v[f.n++];
            memset(a, 0, sizeof *a);
            a->page = p + 1;
            qpdf_oh act = qpdf_oh_get_key(q, an, "/A");
            qpdf_oh uri = qpdf_oh_get_key(q, act, "/URI");
            if (qpdf_oh_is_string(q, uri))
                a->uri = sr_xstrdup(qpdf_oh_get_utf8_value(q, uri));
            else
                a->dest_page = dest_page(q, qpdf_oh_get_key(q, an, "/Dest"));
            qpdf_oh qp = qpdf_oh_get_key(q, an, "/QuadPoints");
            a->quads = qpdf_oh_is_array(q, qp) ? qpdf_oh_get_array_n_items(q, qp) : 0;
            a->quad = sr_xcalloc((size_t)a->quads / 2 + 1, sizeof *a->quad);
            for (int k = 0; k + 8 <= a->quads; k += 8) {
                double qx0 = 1e9, qy0 = 1e9, qx1 = -1e9, qy1 = -1e9;
                for (int c = 0; c < 8; c += 2) {
                    double x = qpdf_oh_get_numeric_value(q, qpdf_oh_get_array_item(q, qp, k + c));
                    double y =
                        ph - qpdf_oh_get_numeric_value(q, qpdf_oh_get_array_item(q, qp, k + c + 1));
                    qx0 = x < qx0 ? x : qx0, qx1 = x > qx1 ? x : qx1;
                    qy0 = y < qy0 ? y : qy0, qy1 = y > qy1 ? y : qy1;
                }
                double *r = &a->quad[k / 2];
                r[0] = qx0, r[1] = qy0, r[2] = qx1, r[3] = qy1;
            }
            qpdf_oh r = qpdf_oh_get_key(q, an, "/Rect");
            double v[4];
            for (int k = 0; k < 4; k++)
                v[k] = qpdf_oh_get_numeric_value(q, qpdf_oh_get_array_item(q, r, k));
            a->x0 = v[0] < v[2] ? v[0] : v[2];
            a->x1 = v[0] < v[2] ? v[2] : v[0];
            a->y0 = ph - (v[1] < v[3] ? v[3] : v[1]);
            a->y1 = ph - (v[1] < v[3] ? v[1] : v[3]);
        }
    }
    qpdf_oh root = qpdf_get_root(q);
    qpdf_oh lang = qpdf_oh_get_key(q, root, "/Lang");
    f.lang = sr_xstrdup(qpdf_oh_is_string(q, lang) ? qpdf_oh_get_utf8_value(q, lang) : "");
    qpdf_oh st = qpdf_oh_get_key(q, root, "/StructTreeRoot");
    if (qpdf_oh_is_dictionary(q, st)) {
        walk_struct(q, qpdf_oh_get_key(q, st, "/K"), &f, 0);
        read_kids(q, qpdf_oh_get_key(q, st, "/K"), &f.tree, 0, 0);
    }
    read_outline(q, qpdf_oh_get_key(q, qpdf_oh_get_key(q, root, "/Outlines"), "/First"), &f, 0);
    qpdf_cleanup(&q);
    return f;
}

static void facts_free(pdf_facts *f)
{
    for (size_t i = 0; i < f->n; i++) {
        free(f->v[i].uri);
        free(f->v[i].quad);
    }
    free(f->v);
    for (size_t i = 0; i < f->nalts; i++)
        free(f->alts[i]);
    free(f->alts);
    free(f->lang);
    snode_free(&f->tree);
    for (size_t i = 0; i < f->noutline; i++)
        free(f->outline[i]);
    free(f->outline);
}

/* The link annotations to uri. */
static size_t links_to(const pdf_facts *f, const char *uri, const annot **first)
{
    size_t n = 0;
    for (size_t i = 0; i < f->n; i++)
        if (f->v[i].uri && strcmp(f->v[i].uri, uri) == 0) {
            if (n++ == 0 && first)
                *first = &f->v[i];
        }
    return n;
}

/* Whether word's box is inside one of the rectangles of annotation a (its
 * quadrilaterals; its /Rect when it has none). */
static bool in_quads(const annot *a, const wbox *w)
{
    if (a->page != w->page)
        return false;
    for (int k = 0; k < (a->quads ? a->quads / 8 : 1); k++) {
        const double *r = a->quads ? &a->quad[4 * k] : (const double[]){a->x0, a->y0, a->x1, a->y1};
        if (r[0] <= w->x0 + 1 && r[2] >= w->x1 - 1 && r[1] <= w->y0 + 1 && r[3] >= w->y1 - 1)
            return true;
    }
    return false;
}

/* Whether word's box is inside one of the rectangles of an annotation to
 * uri. */
static bool covered(const pdf_facts *f, const char *uri, const wbox *w)
{
    for (size_t i = 0; i < f->n; i++)
        if (f->v[i].uri && strcmp(f->v[i].uri, uri) == 0 && in_quads(&f->v[i], w))
            return true;
    return false;
}

/* ---- tests ----------------------------------------------------------------------------- */

static void text_is_as_written(void **state)
{
    (void)state;
    sr_arena *a = sr_arena_new();
    sr_document doc;
    sample(a, &doc);
    doc.section_new_page = true; /* page: sections: new-page */
    sr_render_result r;
    char *path = render(&doc, true, &r, "text.pdf");
    char *t = pdf_text(path);
    /* The cover. */
    has(t, "Test Safeguarding Children Partnership\n");
    has(t, "Annual report 2019-20\n");
    has(t, "Covering 1 April 2019 to 31 March 2020\n");
    /* The contents, with the pages. */
    has(t, "Contents\n1 Introduction 3\n1.1 Lists & quotes 3\n2 Figures 4\n2.1 Where to go 4\n");
    /* Inlines: links with their addresses where they differ, escaped text. */
    has(t, "1 Introduction\n");
    has(t, "Read the guide (https://example.org/guide) or write to help@example.org\ntoday.\n");
    has(t, "Or MAILTO:desk@example.org or tel:+441610000000.\n");
    has(t,
        "Call 0161 474 2020 (+441614742020) or see the odd page (https://\nexample.org/it's\\odd "
        "(\xC3\xA9)).");
    has(t, "Less < more & <b>not bold</b> leaning heavy <tt>code</tt>\nAfter the break.\n");
    /* The nested list, the quotation, the code block and the note. */
    has(t, "1.1 Lists & quotes\n");
    has(t, "\xE2\x80\xA2 First point\n\xE2\x80\xA2 Second point\n1. Inner one\n2. Inner two\n"
           "\xE2\x80\xA2 Third point\n");
    has(t, "Words said by a young person.\n");
    has(t, "literal <code> & more\n");
    has(t, "A note set apart.\n");
    /* The figure once, with its caption; the annex's tables not at all. */
    has(t, "Figure 1. Referrals by year\n");
    lacks(t, "Figure 2.");
    assert_int_equal(occurrences(t, "Table 1. Referrals, 2019-20"), 1);
    /* A caption before a note ends as a sentence: read aloud, the two
     * would run together. */
    has(t, "Table 1. Referrals, 2019-20.\n[x] not available");
    lacks(t, "Table 2.");
    lacks(t, "A table of the annex only");
    /* The footer, from page 2, and the draft's appendix. */
    has(t, "DRAFT \xC2\xB7 TSCP annual report 2019-20 \xC2\xB7 Page 2 of 5\n");
    has(t, "Page 5 of 5\n");
    lacks(t, "Page 1 of 5");
    /* The one appendix is lettered as two would be. */
    has(t, "Appendix A: warnings in this draft\na warning of the draft\n");
    /* The result line. */
    assert_string_equal(r.what, "5 pages");
    assert_string_equal(r.after, " - a draft");
    struct stat sb;
    assert_int_equal(stat(path, &sb), 0);
    assert_int_equal(r.bytes, (size_t)sb.st_size);
    free(t);
    unlink(path);
    free(path);

    /* Not a draft: no mark, no appendix. */
    path = render(&doc, false, &r, "final.pdf");
    t = pdf_text(path);
    has(t, "\nTSCP annual report 2019-20 \xC2\xB7 Page 2 of 4\n");
    lacks(t, "DRAFT");
    lacks(t, "Appendix");
    assert_string_equal(r.what, "4 pages");
    assert_string_equal(r.after, "");
    free(t);
    unlink(path);
    free(path);
    sr_arena_free(a);
}

static void links_are_clickable(void **state)
{
    (void)state;
    sr_arena *a = sr_arena_new();
    sr_document doc;
    sample(a, &doc);
    sr_render_result r;
    char *path = render(&doc, false, &r, "links.pdf");
    pdf_facts f = read_pdf(path);
    /* Each address is a link annotation, over its words. */
    char *bytes = NULL;
    size_t nbytes = 0;
    assert_int_equal(sr_read_file(path, (size_t)1 << 26, &bytes, &nbytes), SR_READ_OK);
    assert_non_null(find(bytes, nbytes, "/URI (https://example.org/guide)"));
    free(bytes);
    const annot *an = NULL;
    assert_int_equal(links_to(&f, "https://example.org/guide", &an), 1);
    assert_int_equal(an->quads, 8);
    wbox w;
    assert_true(word_box(path, "guide", 0, &w));
    assert_true(covered(&f, "https://example.org/guide", &w));
    /* The address shown after the words is part of the link. */
    assert_true(word_box(path, "(https://example.org/guide)", 0, &w));
    assert_true(covered(&f, "https://example.org/guide", &w));
    /* ... but the words around it are not. */
    assert_true(word_box(path, "Read", 0, &w));
    assert_false(covered(&f, "https://example.org/guide", &w));
    assert_int_equal(links_to(&f, "mailto:help@example.org", NULL), 1);
    assert_true(word_box(path, "help@example.org", 0, &w));
    assert_true(covered(&f, "mailto:help@example.org", &w));
    assert_int_equal(links_to(&f, "tel:+441614742020", NULL), 1);
    assert_true(word_box(path, "0161", 0, &w));
    assert_true(covered(&f, "tel:+441614742020", &w));
    /* A quote in an address survives cairo's attribute syntax; what cairo
     * would write into the PDF as it is is percent-encoded. */
    assert_int_equal(links_to(&f, "https://example.org/it's%5Codd%20%28%C3%A9%29", NULL), 1);
    /* A link over two lines: a rectangle on each (cairo writes them as the
     * annotation's /QuadPoints, its /Rect their union), covering its words
     * on both. */
    const char *longuri = "https://example.org/a/long/address/that/goes/on";
    assert_int_equal(links_to(&f, longuri, &an), 1);
    assert_int_equal(an->quads, 24); /* a quadrilateral on each of its three lines */
    wbox first, last;
    assert_true(word_box(path, "pages", 0, &first)); /* "the pages where ..." */
    assert_true(word_box(path, "next", 0, &last));
    assert_true(last.y0 > first.y1); /* on different lines */
    assert_true(covered(&f, longuri, &first));
    assert_true(covered(&f, longuri, &last));
    /* The contents' entries and nothing else link inside the document:
     * two sections, two headings, one link each over its title and its
     * page number (a link each would be two tab stops saying the same). */
    size_t inside = 0;
    for (size_t i = 0; i < f.n; i++)
        if (!f.v[i].uri) {
            inside++;
            assert_int_equal(f.v[i].page, 2);
            assert_int_equal(f.v[i].quads, 16); /* a line of title, a page number */
        }
    assert_int_equal(inside, 4);
    wbox title, number;
    assert_true(word_box(path, "Introduction", 0, &title));
    assert_int_equal(title.page, 2);
    assert_true(word_box(path, "3", 0, &number)); /* its page */
    assert_int_equal(number.page, 2);
    assert_true(fabs(number.y1 - title.y1) < 1 && number.x0 > title.x1 + 100);
    size_t over_both = 0;
    for (size_t i = 0; i < f.n; i++)
        over_both += !f.v[i].uri && in_quads(&f.v[i], &title) && in_quads(&f.v[i], &number);
    assert_int_equal(over_both, 1);
    /* Every link's words are drawn inside its Link element: the seven
     * addresses' and the contents' four. */
    assert_int_equal(f.link_content, 11);
    assert_int_equal(f.link_text, 11);
    assert_string_equal(f.lang, "en-GB");
    facts_free(&f);
    unlink(path);
    free(path);
    sr_arena_free(a);
}

/* A link longer than a page: an annotation on each page it is on, over its
 * words there. */
static void links_go_over_pages(void **state)
{
    (void)state;
    sr_arena *a = sr_arena_new();
    sr_document doc;
    document(a, &doc);
    sr_dnode *s = section(a, doc.root, "1", "Long", "long");
    sr_buf words = SR_BUF_INIT;
    for (int i = 1; i <= 900; i++)
        sr_buf_printf(&words, "%sw%d", i > 1 ? " " : "", i);
    const char *uri = "https://example.org/long";
    block(a, s, SR_D_PARAGRAPH, text(a, "Before. "),
          ln(a, uri, sr_arena_strdup(a, sr_buf_str(&words))), text(a, " After."), NULL);
    sr_buf_free(&words);
    sr_render_result r;
    char *path = render(&doc, false, &r, "over.pdf");
    pdf_facts f = read_pdf(path);
    wbox first, last;
    assert_true(word_box(path, "w1", 0, &first));
    assert_true(word_box(path, "w900", 0, &last));
    assert_true(last.page > first.page);
    /* One per page, on the pages the words are on. */
    assert_int_equal(links_to(&f, uri, NULL), (size_t)(last.page - first.page + 1));
    for (size_t i = 0; i < f.n; i++)
        if (f.v[i].uri)
            assert_true(f.v[i].page >= first.page && f.v[i].page <= last.page);
    assert_true(covered(&f, uri, &first));
    assert_true(covered(&f, uri, &last));
    assert_true(word_box(path, "Before.", 0, &first));
    assert_false(covered(&f, uri, &first));
    facts_free(&f);
    unlink(path);
    free(path);
    sr_arena_free(a);
}

static void tables_print_their_cells(void **state)
{
    (void)state;
    sr_arena *a = sr_arena_new();
    sr_document doc;
    sample(a, &doc);
    sr_render_result r;
    char *path = render(&doc, false, &r, "table.pdf");
    char *t = pdf_text(path);
    char words[3][160];
    for (size_t i = 0; i < 3; i++)
        sr_cmp_words(sr_dtable_cell(the_table, i, C_CHANGE)->cmp, SR_U_COUNT, words[i],
                     sizeof words[i]);
    /* The printed columns only: no baseline, unit or percentage column. */
    line_in_order(t, (const char *[]){"Figure", "2018-19", "2019-20", "Change"}, 4);
    lacks(t, "Baseline (2017-18)");
    lacks(t, "Change (%)");
    lacks(t, "a unit column");
    line_in_order(t, (const char *[]){"Referrals", "3,653", "3,243", words[0]}, 4);
    has(t, "down 11.2% from 3,653");
    line_in_order(t, (const char *[]){"Small numbers", "14", "[c]", "not compared with"}, 4);
    /* A change from a stated baseline, in words with its year. */
    line_in_order(t, (const char *[]){"From a baseline", "[x]", "120", words[2]}, 4);
    has(t, "up 20.0% from 100 in 2017-18");
    has(t, "[x] not available, [z] not applicable, [c] hidden to protect small numbers.");
    /* Figures are set right-aligned in their column. */
    wbox a1, a2, b1, b2;
    assert_true(word_box(path, "3,653", 0, &a1));
    assert_true(word_box(path, "14", 0, &a2));
    assert_true(word_box(path, "3,243", 0, &b1));
    assert_true(word_box(path, "120", 0, &b2));
    assert_true(fabs(a1.x1 - a2.x1) < 0.6);
    assert_true(fabs(b1.x1 - b2.x1) < 0.6);
    assert_true(a2.x0 > a1.x0 + 5);
    free(t);
    unlink(path);
    free(path);
    sr_arena_free(a);
}

static void figures_keep_their_alternatives(void **state)
{
    (void)state;
    sr_arena *a = sr_arena_new();
    sr_document doc;
    sample(a, &doc);
    sr_render_result r;
    char *path = render(&doc, false, &r, "figure.pdf");
    pdf_facts f = read_pdf(path);
    /* One Figure element, for the figure in the report (not the chart
     * files'), with the text alternative. */
    assert_int_equal(f.nalts, 1);
    assert_string_equal(f.alts[0], ALT);
    facts_free(&f);
    /* The chart is drawn without its own title: the caption gives it. */
    char *t = pdf_text(path);
    assert_int_equal(occurrences(t, "Referrals by year"), 1);
    has(t, "3,653");
    free(t);
    assert_true(the_figure->chart->draw_title); /* the tree is only read */
    unlink(path);
    free(path);
    sr_arena_free(a);
}

/* A dot plot on a page: the Figure element keeps its text alternative,
 * and every value, the words for the one not shown and the source are
 * drawn as text. */
static void a_dot_plot_is_drawn_with_its_alternative(void **state)
{
    (void)state;
    sr_arena *a = sr_arena_new();
    sr_document doc;
    document(a, &doc);
    sr_dnode *s1 = section(a, doc.root, "1", "How we compare", "compare");
    static const char *rows[] = {"Section 47 enquiries per 10,000",
                                 "Children looked after per 10,000"};
    static sr_chart_value v[4][2] = {{{201.3, "201.3", false}, {0, "[c]", true}},
                                     {{191.6, "191.6", false}, {70, "70", false}},
                                     {{210.0, "210.0", false}, {92, "92", false}},
                                     {{175.2, "175.2", false}, {81, "81", false}}};
    static sr_chart_series s[4] = {{"Stockport", v[0]},
                                   {"England", v[1]},
                                   {"North West", v[2]},
                                   {"Statistical neighbours' average", v[3]}};
    sr_chart *ch = sr_arena_alloc(a, sizeof *ch);
    *ch = (sr_chart){.kind = SR_CHART_COMPARE,
                     .id = "how-we-compare",
                     .title = "How Stockport compares, 2023-24",
                     .x_title = "Rate per 10,000 children aged 0 to 17",
                     .categories = rows,
                     .ncat = 2,
                     .series = s,
                     .nseries = 4,
                     .source = "Source: Department for Education."};
    sr_dfigure *f = sr_arena_alloc(a, sizeof *f);
    char *alt = sr_chart_alt(ch);
    *f = (sr_dfigure){
        .id = ch->id, .chart = ch, .alt = sr_arena_strdup(a, alt), .width = 480, .height = 160};
    sr_dnode_add(a, s1, sr_dnode_new(a, SR_D_FIGURE))->figure = f;
    sr_render_result r;
    char *path = render(&doc, false, &r, "compare.pdf");
    pdf_facts facts = read_pdf(path);
    /* The caption gives the title: the alternative is what it does not say. */
    assert_int_equal(facts.nalts, 1);
    const char *rest = alt + strlen("Dot plot: How Stockport compares, 2023-24.");
    assert_int_equal(strncmp(facts.alts[0], "Dot plot.", 9), 0);
    assert_string_equal(facts.alts[0] + 9, rest);
    facts_free(&facts);
    char *t = pdf_text(path);
    has(t, "How Stockport compares, 2023-24");
    has(t, "201.3");
    has(t, "175.2");
    has(t, "Not shown: Stockport [c]");
    has(t, "Source: Department for Education.");
    has(t, "Statistical neighbours' average");
    free(t);
    free(alt);
    unlink(path);
    free(path);
    sr_arena_free(a);
}

/* Lists and quotations nested deeper than any report goes, and a table
 * longer than a page: everything is printed, the header on each page. */
/* Sections flow, each heading kept with what follows it; with
 * `page: sections: new-page` each starts a page. */
static void sections_flow_unless_asked(void **state)
{
    (void)state;
    sr_arena *a = sr_arena_new();
    sr_document doc;
    sample(a, &doc);
    sr_render_result r;
    char *path = render(&doc, true, &r, "flow.pdf");
    char *t = pdf_text(path);
    has(t, "Contents\n1 Introduction 3\n1.1 Lists & quotes 3\n2 Figures 3\n");
    free(t);
    unlink(path);
    free(path);
    doc.section_new_page = true;
    path = render(&doc, true, &r, "flow.pdf");
    t = pdf_text(path);
    has(t, "Contents\n1 Introduction 3\n1.1 Lists & quotes 3\n2 Figures 4\n");
    free(t);
    unlink(path);
    free(path);
    sr_arena_free(a);
}

static void nothing_is_dropped(void **state)
{
    (void)state;
    sr_arena *a = sr_arena_new();
    sr_document doc;
    document(a, &doc);
    doc.section_new_page = true;
    sr_dnode *s = section(a, doc.root, "1", "Deep", "deep");
    sr_dnode *at = s;
    for (int i = 0; i < 40; i++) {
        sr_dnode *l = block(a, at, i % 2 ? SR_D_QUOTE : SR_D_LIST, NULL);
        if (i % 2 == 0)
            l = item(a, l, sr_arena_printf(a, "level %d", i));
        at = l;
    }
    block(a, at, SR_D_PARAGRAPH, text(a, "the bottom"), NULL);
    sr_dnode *s2 = section(a, doc.root, "2", "Long", "long");
    size_t n = 90;
    sr_dtable *t = metric_table(a, n);
    for (size_t r = 0; r < n; r++)
        set_row(t, r, sr_arena_printf(a, "Row %zu", r + 1), count((int64_t)r),
                count((int64_t)r + 7), (sr_mval){0},
                compare(a, (int64_t)r + 7, (int64_t)r, 2018, false));
    sr_dnode *tn = sr_dnode_add(a, s2, sr_dnode_new(a, SR_D_TABLE));
    tn->table = t;
    sr_render_result res;
    char *path = render(&doc, false, &res, "deep.pdf");
    char *txt = pdf_text(path);
    for (int i = 0; i < 40; i += 2) {
        char want[32];
        snprintf(want, sizeof want, "level %d\n", i);
        has(txt, want);
    }
    has(txt, "the bottom");
    const char *at_row = txt;
    for (size_t r = 0; r < n; r++) {
        char want[32];
        snprintf(want, sizeof want, "Row %zu ", r + 1);
        const char *f = strstr(at_row, want);
        if (!f)
            fail_msg("row %zu is missing or out of order", r + 1);
        at_row = f + strlen(want);
    }
    size_t heads = occurrences(txt, "Figure 2018-19 2019-20 Change");
    assert_true(heads >= 2);
    pdf_facts f = read_pdf(path);
    assert_int_equal((size_t)f.pages, 3 + heads); /* cover, contents, section 1, the table's */
    facts_free(&f);
    free(txt);
    unlink(path);
    free(path);
    sr_arena_free(a);
}

/* ---- the structure tree ---------------------------------------------------------------- */

static size_t count_tag(const snode *s, const char *tag)
{
    size_t n = s->tag && strcmp(s->tag, tag) == 0;
    for (size_t i = 0; i < s->nkids; i++)
        n += count_tag(s->kids[i], tag);
    return n;
}

/* The elements tagged tag, depth first, into out (up to max); how many. */
static size_t find_tag(const snode *s, const char *tag, const snode **out, size_t max, size_t n)
{
    if (s->tag && strcmp(s->tag, tag) == 0) {
        if (n < max)
            out[n] = s;
        n++;
    }
    for (size_t i = 0; i < s->nkids; i++)
        n = find_tag(s->kids[i], tag, out, max, n);
    return n;
}

/* The first and last page of everything s holds. */
static void span_of(const snode *s, int *first, int *last)
{
    if (s->nmcid) {
        if (!*first || s->first_page < *first)
            *first = s->first_page;
        if (s->last_page > *last)
            *last = s->last_page;
    }
    for (size_t i = 0; i < s->nkids; i++)
        span_of(s->kids[i], first, last);
}

/* The kids' tags, joined by ",". */
static void kid_tags(const snode *s, char *buf, size_t size)
{
    buf[0] = '\0';
    for (size_t i = 0; i < s->nkids; i++)
        snprintf(buf + strlen(buf), size - strlen(buf), "%s%s", i ? "," : "", s->kids[i]->tag);
}

/* What holds everywhere: an element has kids or marked content, not both
 * and not neither; a leaf's content is on one page. */
static void tree_is_sound(const snode *s)
{
    for (size_t i = 0; i < s->nkids; i++) {
        const snode *k = s->kids[i];
        if (!k->nkids && !k->nmcid)
            fail_msg("an empty %s element", k->tag);
        if (k->nkids && k->nmcid)
            fail_msg("a %s element has both elements and content", k->tag);
        if (k->nmcid && k->first_page != k->last_page)
            fail_msg("a %s leaf goes on from page %d to page %d", k->tag, k->first_page,
                     k->last_page);
        tree_is_sound(k);
    }
}

static const char *words(sr_arena *a, int n)
{
    sr_buf b = SR_BUF_INIT;
    for (int i = 1; i <= n; i++)
        sr_buf_printf(&b, "%sword%d", i > 1 ? " " : "", i);
    const char *s = sr_arena_strdup(a, sr_buf_str(&b));
    sr_buf_free(&b);
    return s;
}

static const char CHART_ALT[] = "Bar chart: Referrals by year. 3 bars: 3,653 in 2018-19, the most.";

/* A figure with its figures as a table, as the builder makes it. */
static sr_dfigure *figure_with_data(sr_arena *a)
{
    sr_dfigure *f = figure(a);
    f->alt = CHART_ALT;
    f->note = "The bars are referrals received in the year.";
    sr_dtable *t = sr_arena_alloc(a, sizeof *t);
    t->caption = f->chart->title;
    t->ncols = 2;
    t->nrows = 3;
    t->cols = sr_arena_alloc(a, 2 * sizeof *t->cols);
    t->cols[0] = (sr_dcol){.kind = SR_COL_LABEL, .head = "", .shown = SR_OUT_ALL};
    t->cols[1] = (sr_dcol){.kind = SR_COL_VALUE, .head = "Referrals", .shown = SR_OUT_ALL};
    t->cells = sr_arena_alloc(a, 6 * sizeof *t->cells);
    for (size_t r = 0; r < 3; r++) {
        t->cells[2 * r] = (sr_dcell){.kind = SR_CELL_TEXT, .text = cats[r]};
        t->cells[2 * r + 1] = (sr_dcell){.kind = SR_CELL_TEXT, .text = values[r].label};
    }
    f->data = t;
    return f;
}

/* A section, a list item and a table that cross a page, a paragraph with a
 * link, a figure with its figures as a table. */
static void crossing(sr_arena *a, sr_document *doc)
{
    document(a, doc);
    sr_dnode *s1 = section(a, doc->root, "1", "Long words", "long");
    block(a, s1, SR_D_PARAGRAPH, text(a, words(a, 700)), NULL);
    sr_dnode *list = block(a, s1, SR_D_LIST, NULL);
    item(a, list, "First point");
    item(a, list, words(a, 500));
    item(a, list, "Third point");
    sr_dnode *s2 = section(a, doc->root, "2", "A long table", "table");
    size_t n = 90;
    sr_dtable *t = metric_table(a, n);
    for (size_t r = 0; r < n; r++)
        set_row(t, r, sr_arena_printf(a, "Row %zu", r + 1), count((int64_t)r),
                count((int64_t)r + 7), (sr_mval){0},
                compare(a, (int64_t)r + 7, (int64_t)r, 2018, false));
    sr_dnode *tn = sr_dnode_add(a, s2, sr_dnode_new(a, SR_D_TABLE));
    tn->table = t;
    sr_dnode *s3 = section(a, doc->root, "3", "A chart", "chart");
    block(a, s3, SR_D_PARAGRAPH, text(a, "Read the "), ln(a, "https://example.org/guide", "guide"),
          text(a, " first."), NULL);
    sr_dnode *fn = sr_dnode_add(a, s3, sr_dnode_new(a, SR_D_FIGURE));
    fn->figure = figure_with_data(a);
}

static void structure_is_one_tree(void **state)
{
    (void)state;
    sr_arena *a = sr_arena_new();
    sr_document doc;
    crossing(a, &doc);
    sr_render_result r;
    char *path = render(&doc, false, &r, "tree.pdf");
    pdf_facts f = read_pdf(path);
    tree_is_sound(&f.tree);
    /* One Document, which holds everything. */
    assert_int_equal(f.tree.nkids, 1);
    assert_string_equal(f.tree.kids[0]->tag, "Document");
    assert_int_equal(count_tag(&f.tree, "Document"), 1);
    /* A Sect per section and for the appendix, whatever pages they cross. */
    const snode *sects[8];
    assert_int_equal(find_tag(&f.tree, "Sect", sects, 8, 0), 4);
    int first = 0, last = 0;
    span_of(sects[0], &first, &last);
    assert_true(last > first);
    /* The paragraph crossing a page: one P of a Span on each page. */
    const snode *p = sects[0]->kids[1];
    assert_string_equal(p->tag, "P");
    assert_true(p->nkids >= 2);
    for (size_t i = 0; i < p->nkids; i++) {
        assert_string_equal(p->kids[i]->tag, "Span");
        if (i)
            assert_int_equal(p->kids[i]->first_page, p->kids[i - 1]->first_page + 1);
    }
    /* One list, an LI per item, each of its label and its body; the long
     * one crosses a page. */
    assert_int_equal(count_tag(&f.tree, "L"), 1);
    const snode *li[8];
    assert_int_equal(find_tag(&f.tree, "LI", li, 8, 0), 3);
    char tags[256];
    for (size_t i = 0; i < 3; i++) {
        kid_tags(li[i], tags, sizeof tags);
        assert_string_equal(tags, "Lbl,LBody");
    }
    first = last = 0;
    span_of(li[1], &first, &last);
    assert_true(last > first);
    /* The long table is one Table: its caption, one header row and a row
     * per row, each row's label a TH; it crosses pages, where its header
     * row is drawn again, but not as content. */
    const snode *tables[4];
    assert_int_equal(find_tag(&f.tree, "Table", tables, 4, 0), 2); /* and the appendix's */
    const snode *tb = tables[0];
    assert_int_equal(tb->nkids, 1 + 1 + 90);
    assert_string_equal(tb->kids[0]->tag, "Caption");
    kid_tags(tb->kids[1], tags, sizeof tags);
    assert_string_equal(tags, "TH,TH,TH,TH");
    for (size_t i = 2; i < tb->nkids; i++) {
        kid_tags(tb->kids[i], tags, sizeof tags);
        assert_string_equal(tags, "TH,TD,TD,TD");
    }
    first = last = 0;
    span_of(tb, &first, &last);
    assert_true(last > first);
    char *t = pdf_text(path);
    assert_true(occurrences(t, "Figure 2018-19 2019-20 Change") >= 2);
    /* The paragraph with a link: Span and Link leaves. */
    const snode *p3 = sects[2]->kids[1];
    kid_tags(p3, tags, sizeof tags);
    assert_string_equal(tags, "Span,Link,Span");
    /* The figure: a Div of its caption, the Figure (a leaf: the chart is
     * its content) and the note; the Figure's /Alt says what the caption
     * does not. */
    const snode *div = sects[2]->kids[2];
    assert_string_equal(div->tag, "Div");
    kid_tags(div, tags, sizeof tags);
    assert_string_equal(tags, "P,Figure,P");
    const snode *fig = div->kids[1];
    assert_int_equal(fig->nkids, 0);
    assert_true(fig->nmcid >= 1);
    assert_int_equal(f.figure_content, 1); /* the chart is drawn inside it */
    assert_non_null(fig->alt);
    assert_string_equal(fig->alt, "Bar chart. 3 bars: 3,653 in 2018-19, the most.");
    has(t, "The bars are referrals received in the year.");
    facts_free(&f);
    free(t);
    unlink(path);
    free(path);
    sr_arena_free(a);
}

static void charts_figures_are_in_an_appendix(void **state)
{
    (void)state;
    char tags_buf[256];
    sr_arena *a = sr_arena_new();
    sr_document doc;
    crossing(a, &doc);
    sr_render_result r;
    char *path = render(&doc, true, &r, "appendix.pdf");
    pdf_facts f = read_pdf(path);
    tree_is_sound(&f.tree);
    char *t = pdf_text(path);
    /* The appendix: its table, a real one, titled by the figure. */
    wbox at;
    assert_true(word_box(path, "A1.", 0, &at)); /* "Table A1." */
    has(t, "Table A1. Figure 1: Referrals by year\n");
    line_in_order(t, (const char *[]){"2018-19", "3,653"}, 2);
    const snode *sects[8];
    assert_int_equal(find_tag(&f.tree, "Sect", sects, 8, 0), 5); /* and the warnings' */
    kid_tags(sects[3], tags_buf, sizeof tags_buf);
    assert_string_equal(tags_buf, "H1,P,Table");
    const snode *apx = sects[3]->kids[2];
    assert_int_equal(apx->nkids, 1 + 1 + 3);
    kid_tags(apx->kids[2], tags_buf, sizeof tags_buf);
    assert_string_equal(tags_buf, "TH,TD");
    /* The caption links to it, with its page. */
    char want[128];
    snprintf(want, sizeof want, "Figure 1. Referrals by year (figures in Table A1, page %d)",
             at.page);
    has(t, want);
    wbox w;
    assert_true(word_box(path, "(figures", 0, &w));
    bool linked = false;
    for (size_t i = 0; i < f.n; i++) {
        const annot *an = &f.v[i];
        if (!an->uri && an->page == w.page && an->dest_page == at.page && an->x0 <= w.x1 &&
            an->x1 >= w.x1 - 1 && an->y0 <= w.y0 + 1 && an->y1 >= w.y1 - 1)
            linked = true;
    }
    assert_true(linked);
    /* Both appendices in the contents and the outline. */
    snprintf(want, sizeof want, "Appendix A: chart data %d\n", at.page);
    has(t, want);
    has(t, "\nAppendix B: warnings in this draft ");
    size_t found = 0;
    for (size_t i = 0; i < f.noutline; i++)
        found += strcmp(f.outline[i], "Appendix A: chart data") == 0 ||
                 strcmp(f.outline[i], "Appendix B: warnings in this draft") == 0;
    assert_int_equal(found, 2);
    facts_free(&f);
    free(t);
    unlink(path);
    free(path);
    sr_arena_free(a);
}

/* ---- a chart taller than a page -------------------------------------------------------- */

#define TALL 60
static const char *tall_names[TALL];
static sr_chart_value tall_vals[TALL];
static char tall_buf[TALL][2][48];
static sr_chart_series tall_series[1];

/* Horizontal bars of 60 agencies, in a section after a paragraph. */
static void tall_chart(sr_arena *a, sr_document *doc)
{
    document(a, doc);
    for (size_t i = 0; i < TALL; i++) {
        snprintf(tall_buf[i][0], sizeof tall_buf[i][0], "Agency number %02zu", i + 1);
        snprintf(tall_buf[i][1], sizeof tall_buf[i][1], "%zu", 10 + (i * 37) % 90);
        tall_names[i] = tall_buf[i][0];
        tall_vals[i] = (sr_chart_value){(double)(10 + (i * 37) % 90), tall_buf[i][1], false};
    }
    tall_series[0] = (sr_chart_series){"2019-20", tall_vals};
    sr_chart *ch = sr_arena_alloc(a, sizeof *ch);
    *ch = (sr_chart){.kind = SR_CHART_HBAR,
                     .id = "agencies",
                     .title = "Attendees by agency",
                     .x_title = "Attendees",
                     .categories = tall_names,
                     .ncat = TALL,
                     .series = tall_series,
                     .nseries = 1,
                     .whole = true,
                     .sort = true};
    sr_dfigure *f = sr_arena_alloc(a, sizeof *f);
    f->id = "agencies";
    f->chart = ch;
    f->alt = "Horizontal bar chart: Attendees by agency. 60 bars.";
    f->note = "Each agency's staff at any course.";
    f->width = 480;
    f->height = 320;
    sr_dnode *s1 = section(a, doc->root, "1", "Training", "training");
    block(a, s1, SR_D_PARAGRAPH, text(a, words(a, 60)), NULL);
    sr_dnode *fn = sr_dnode_add(a, s1, sr_dnode_new(a, SR_D_FIGURE));
    fn->figure = f;
}

/* The smallest type shown inside Figure marked content in a page's
 * content stream: each Tj or TJ at its Tf size times its text matrix's
 * and the CTM's scale (cairo writes 1 Tf and the size in Tm). 99 when
 * none. */
static double figure_type_min(const char *s, size_t len)
{
    double num[8], ctm[32][6] = {{1, 0, 0, 1, 0, 0}}, tm[6] = {1, 0, 0, 1, 0, 0}, size = 1;
    double least = 99;
    size_t nn = 0, q = 0;
    int depth = 0, fig_at = -1; /* marked content nesting; where a Figure opened */
    bool figure_name = false;
    for (size_t i = 0; i < len;) {
        char c = s[i];
        if (isspace((unsigned char)c)) {
            i++;
        } else if (c == '(') { /* a string: skipped */
            int nest = 0;
            for (; i < len; i++) {
                if (s[i] == '\\')
                    i++;
                else if (s[i] == '(')
                    nest++;
                else if (s[i] == ')' && --nest == 0)
                    break;
            }
            i++;
        } else if (c == '<' && i + 1 < len && s[i + 1] != '<') {
            while (i < len && s[i] != '>')
                i++;
            i++;
        } else if (c == '/') {
            size_t b = i++;
            while (i < len && !isspace((unsigned char)s[i]) && !strchr("/<>[]()", s[i]))
                i++;
            figure_name = i - b == 7 && memcmp(s + b, "/Figure", 7) == 0;
        } else if (isdigit((unsigned char)c) || c == '-' || c == '.') {
            char *end;
            double v = strtod(s + i, &end);
            if (nn == 8)
                memmove(num, num + 1, 7 * sizeof *num), nn = 7;
            num[nn++] = v;
            i = (size_t)(end - s) > i ? (size_t)(end - s) : i + 1;
        } else if (isalpha((unsigned char)c) || c == '\'' || c == '"') {
            size_t b = i;
            while (i < len &&
                   (isalpha((unsigned char)s[i]) || s[i] == '*' || s[i] == '\'' || s[i] == '"'))
                i++;
            char op[8] = "";
            snprintf(op, sizeof op, "%.*s", (int)(i - b < 7 ? i - b : 7), s + b);
            if (strcmp(op, "q") == 0 && q + 1 < 32) {
                memcpy(ctm[q + 1], ctm[q], sizeof ctm[q]);
                q++;
            } else if (strcmp(op, "Q") == 0 && q > 0) {
                q--;
            } else if (strcmp(op, "cm") == 0 && nn >= 6) {
                const double *m = num + nn - 6, *o = ctm[q];
                double r[6] = {m[0] * o[0] + m[1] * o[2],        m[0] * o[1] + m[1] * o[3],
                               m[2] * o[0] + m[3] * o[2],        m[2] * o[1] + m[3] * o[3],
                               m[4] * o[0] + m[5] * o[2] + o[4], m[4] * o[1] + m[5] * o[3] + o[5]};
                memcpy(ctm[q], r, sizeof r);
            } else if (strcmp(op, "Tm") == 0 && nn >= 6) {
                memcpy(tm, num + nn - 6, sizeof tm);
            } else if (strcmp(op, "Tf") == 0 && nn >= 1) {
                size = num[nn - 1];
            } else if (strcmp(op, "BDC") == 0 || strcmp(op, "BMC") == 0) {
                if (figure_name && fig_at < 0)
                    fig_at = depth;
                depth++;
            } else if (strcmp(op, "EMC") == 0) {
                if (--depth == fig_at)
                    fig_at = -1;
            } else if ((strcmp(op, "Tj") == 0 || strcmp(op, "TJ") == 0) && fig_at >= 0) {
                const double *o = ctm[q];
                double eff = size * sqrt(fabs(tm[0] * tm[3] - tm[1] * tm[2])) *
                             sqrt(fabs(o[0] * o[3] - o[1] * o[2]));
                if (eff < least)
                    least = eff;
            }
            if (strcmp(op, "BDC") != 0)
                figure_name = false;
            nn = 0;
        } else {
            i++;
        }
    }
    return least;
}

/* A chart taller than a page goes on over the pages in parts, at full
 * size: its first rows under the caption after the paragraph, the rest
 * under "Figure 1 (continued)" at the top of the next pages, each part a
 * Figure leaf of the figure's Div whose /Alt says which rows it shows,
 * the note after the last; no type under 9 points. */
static void tall_charts_go_on_over_pages(void **state)
{
    (void)state;
    sr_arena *a = sr_arena_new();
    sr_document doc;
    tall_chart(a, &doc);
    sr_render_result r;
    char *path = render(&doc, false, &r, "tall.pdf");
    pdf_facts f = read_pdf(path);
    tree_is_sound(&f.tree);
    const snode *divs[4];
    assert_int_equal(find_tag(&f.tree, "Div", divs, 4, 0), 1);
    const snode *div = divs[0];
    assert_true(div->nkids >= 5);
    size_t parts = (div->nkids - 1) / 2;
    assert_int_equal(div->nkids, 2 * parts + 1); /* P, Figure, (P, Figure)..., P */
    assert_int_equal(f.nalts, parts);
    size_t next = 1;
    int page = 0;
    for (size_t p = 0; p < parts; p++) {
        const snode *cap = div->kids[2 * p], *fig = div->kids[2 * p + 1];
        assert_string_equal(cap->tag, "P");
        assert_string_equal(fig->tag, "Figure");
        assert_int_equal(fig->nkids, 0);
        if (p)
            assert_int_equal(fig->first_page, page + 1); /* a page each */
        page = fig->first_page;
        assert_int_equal(cap->first_page, page);
        assert_non_null(fig->alt);
        char want[160];
        const char *said = strstr(fig->alt, "Part ");
        assert_non_null(said);
        size_t k, of, lo, hi;
        assert_int_equal(
            sscanf(said, "Part %zu of %zu: rows %zu to %zu of the chart.", &k, &of, &lo, &hi), 4);
        snprintf(want, sizeof want, "Part %zu of %zu: rows %zu to %zu of the chart.", k, of, lo,
                 hi);
        assert_string_equal(said, want); /* and nothing after it */
        assert_int_equal(k, p + 1);
        assert_int_equal(of, parts);
        assert_int_equal(lo, next);
        assert_true(hi >= lo + 2);
        next = hi + 1;
        if (p) /* which rows, and nothing else */
            assert_ptr_equal(said, fig->alt);
    }
    /* The first: the chart's text alternative, then which rows. */
    assert_true(strncmp(f.alts[0], "Horizontal bar chart. 60 bars. Part 1 of ", 41) == 0);
    assert_int_equal(next, TALL + 1);
    assert_string_equal(div->kids[div->nkids - 1]->tag, "P"); /* the note, after the last part */
    assert_int_equal(div->kids[div->nkids - 1]->first_page, page);
    assert_int_equal(div->kids[1]->first_page, 1 + 2); /* after the paragraph: cover, contents */
    char *t = pdf_text(path);
    assert_int_equal(occurrences(t, "Figure 1 (continued)"), parts - 1);
    assert_int_equal(occurrences(t, "Attendees\n"), parts); /* the axis title under each */
    for (size_t i = 0; i < TALL; i++)
        assert_int_equal(occurrences(t, tall_names[i]), 1);
    free(t);
    /* No type under 9 points in the chart's parts. */
    qpdf_data q = qpdf_init();
    qpdf_set_suppress_warnings(q, QPDF_TRUE);
    assert_false(qpdf_read(q, path, NULL) & QPDF_ERRORS);
    size_t seen = 0;
    for (int p = 0; p < qpdf_get_num_pages(q); p++) {
        unsigned char *content = NULL;
        size_t clen = 0;
        assert_false(
            qpdf_oh_get_page_content_data(q, qpdf_get_page_n(q, (size_t)p), &content, &clen) &
            QPDF_ERRORS);
        double least = figure_type_min((const char *)content, clen);
        free(content);
        if (least < 99) {
            seen++;
            if (least < 9 - 1e-6)
                fail_msg("page %d: chart text at %.2f points", p + 1, least);
        }
    }
    qpdf_cleanup(&q);
    assert_int_equal(seen, parts);
    facts_free(&f);
    unlink(path);
    free(path);
    sr_arena_free(a);
}

/* A section of `filler` words, then a heading and a table of nrows rows
 * whose labels take two lines each ("Alpha ...", "Bravo ..."), rendered;
 * in pages[r], the page row r is on, and in *heading_at, *filler_end the
 * page of the heading (*heading_at) and of the last word before it. */
static const char *const row_names[] = {"Alpha", "Bravo", "Charlie", "Delta", "Echo"};

static void render_short_table(int filler, size_t nrows, int *pages, int *heading_at,
                               int *filler_end)
{
    sr_arena *a = sr_arena_new();
    sr_document doc;
    document(a, &doc);
    sr_dnode *s = section(a, doc.root, "1", "Partners", "partners");
    sr_buf words = SR_BUF_INIT;
    for (int i = 1; i <= filler; i++)
        sr_buf_printf(&words, "%sw%d", i > 1 ? " " : "", i);
    block(a, s, SR_D_PARAGRAPH, text(a, sr_arena_strdup(a, sr_buf_str(&words))), NULL);
    sr_buf_free(&words);
    heading(a, s, "1.1", "Leads", "leads");
    sr_dtable *t = metric_table(a, nrows);
    for (size_t r = 0; r < nrows; r++)
        set_row(t, r,
                sr_arena_printf(a,
                                "%s lead partner, with a name long enough that it takes two "
                                "lines of its column",
                                row_names[r]),
                count(3653), count(3243), (sr_mval){0}, compare(a, 3243, 3653, 2018, false));
    sr_dnode *tn = sr_dnode_add(a, s, sr_dnode_new(a, SR_D_TABLE));
    tn->table = t;
    sr_render_result r;
    char *path = render(&doc, false, &r, "short-table.pdf");
    wbox w;
    for (size_t i = 0; i < nrows; i++) {
        assert_true(word_box(path, row_names[i], 0, &w));
        pages[i] = w.page;
    }
    assert_true(word_box(path, "Leads", 1, &w)); /* the contents' is the first */
    *heading_at = w.page;
    char last[16];
    snprintf(last, sizeof last, "w%d", filler);
    assert_true(word_box(path, last, 0, &w));
    *filler_end = w.page;
    unlink(path);
    free(path);
    sr_arena_free(a);
}

/* A row taller than a page cannot go on over it, and is not shrunk: the
 * PDF is not written, and the error names the chart. */
static void a_row_taller_than_a_page_is_an_error(void **state)
{
    (void)state;
    sr_arena *a = sr_arena_new();
    sr_document doc;
    tall_chart(a, &doc);
    sr_dfigure *f = doc.root->kids[0]->kids[1]->figure;
    assert_non_null(f);
    static const char *two[2];
    two[0] = words(a, 900); /* some 80 lines in a column of 192 points */
    two[1] = "Agency number 02";
    sr_chart *ch = (sr_chart *)f->chart;
    ch->categories = two;
    ch->ncat = 2;
    char *path = sr_path_join(tmpdir, "row.pdf");
    sr_render_options o = {fonts, 1700000000, false, NULL, 0, NULL};
    sr_render_result r;
    char err[256] = "";
    assert_int_equal(sr_output_pdf.write(&doc, &o, path, &r, err, sizeof err), -1);
    if (!strstr(err, "a row of the chart \"Attendees by agency\" is taller than a page"))
        fail_msg("the error: %s", err);
    struct stat st;
    assert_int_not_equal(stat(path, &st), 0);
    free(path);
    sr_arena_free(a);
}

/* A table of three rows is never split (one row would be alone on a
 * page): it goes whole to the next page when it does not fit, with the
 * heading before it. A longer one splits with two rows or more on each
 * page. Tried with the table at every height near a page's foot. */
static void short_tables_stay_whole(void **state)
{
    (void)state;
    bool moved = false, split = false;
    for (int filler = 420; filler <= 760; filler += 14) {
        int pages[5], heading_page, filler_end;
        render_short_table(filler, 3, pages, &heading_page, &filler_end);
        if (pages[0] != pages[2])
            fail_msg("with %d words before it, a table of 3 rows is split: rows on pages %d, %d, "
                     "%d",
                     filler, pages[0], pages[1], pages[2]);
        assert_int_equal(heading_page, pages[0]);
        moved = moved || pages[0] > filler_end;
        render_short_table(filler, 5, pages, &heading_page, &filler_end);
        assert_int_equal(heading_page, pages[0]);
        int first = 0;
        while (first < 5 && pages[first] == pages[0])
            first++;
        if (first < 5) {
            split = true;
            if (first < 2 || 5 - first < 2 || pages[4] != pages[first])
                fail_msg("with %d words before it, a table of 5 rows is split %d and %d", filler,
                         first, 5 - first);
        }
    }
    assert_true(moved); /* the table came to the foot of a page */
    assert_true(split);
}

/* Whether this runs under valgrind or with AddressSanitizer, which take
 * memory of their own: then no peak memory is checked. */
static bool instrumented(void)
{
#if defined(__SANITIZE_ADDRESS__)
    return true;
#else
    const char *pre = getenv("LD_PRELOAD");
    return pre && strstr(pre, "vgpreload");
#endif
}

/* cairo's PNG writer into a buffer. */
static cairo_status_t to_buf(void *closure, const unsigned char *data, unsigned int length)
{
    sr_buf_put(closure, (const char *)data, length);
    return CAIRO_STATUS_SUCCESS;
}

/* A logo far larger than its box on the cover (4000 x 2000 pixels, as
 * large as a logo may be) is embedded at about 300 pixels per inch of the
 * box (160 x 80 points: 667 x 333 pixels), not at its own size. */
static void logos_are_embedded_at_print_size(void **state)
{
    (void)state;
    cairo_surface_t *img = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 4000, 2000);
    cairo_t *cr = cairo_create(img);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    cairo_set_source_rgb(cr, 0.1, 0.3, 0.6);
    cairo_arc(cr, 2000, 1000, 900, 0, 6.3);
    cairo_fill(cr);
    assert_int_equal(cairo_status(cr), CAIRO_STATUS_SUCCESS);
    cairo_destroy(cr);
    sr_buf png = SR_BUF_INIT;
    assert_int_equal(cairo_surface_write_to_png_stream(img, to_buf, &png), CAIRO_STATUS_SUCCESS);
    cairo_surface_destroy(img);
    sr_arena *a = sr_arena_new();
    sr_document doc;
    document(a, &doc);
    sr_dnode *s = section(a, doc.root, "1", "Introduction", "introduction");
    block(a, s, SR_D_PARAGRAPH, text(a, "A few words."), NULL);
    doc.logo_png = (const unsigned char *)png.data;
    doc.logo_len = png.len;
    sr_render_result r;
    char *path = render(&doc, false, &r, "logo.pdf");
    char cmd[1024];
    snprintf(cmd, sizeof cmd, "pdfimages -list '%s'", path);
    char *list = run(cmd);
    /* "page num type width height ...", a rule, then a line an image. */
    const char *line = strchr(list, '\n');
    line = line ? strchr(line + 1, '\n') : NULL;
    assert_non_null(line);
    int page, num, width, height;
    char type[32];
    if (sscanf(line + 1, "%d %d %31s %d %d", &page, &num, type, &width, &height) != 5)
        fail_msg("pdfimages lists no image:\n%s", list);
    assert_int_equal(page, 1);
    if (width > 700 || height > 350 || width < 600 || height < 300)
        fail_msg("the logo is embedded %d x %d pixels, not about 667 x 333", width, height);
    assert_int_equal(occurrences(list, "\n"), 3); /* the one image */
    /* Decoded once, and the large image let go of once drawn smaller: the
     * whole test's peak is moderate (the image alone takes 32 MB). */
    struct rusage ru;
    assert_int_equal(getrusage(RUSAGE_SELF, &ru), 0);
    if (ru.ru_maxrss > 160 * 1024 && !instrumented())
        fail_msg("the peak memory was %ld KB", ru.ru_maxrss);
    free(list);
    unlink(path);
    free(path);
    sr_arena_free(a);
    sr_buf_free(&png);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(text_is_as_written),
        cmocka_unit_test(links_are_clickable),
        cmocka_unit_test(links_go_over_pages),
        cmocka_unit_test(tables_print_their_cells),
        cmocka_unit_test(figures_keep_their_alternatives),
        cmocka_unit_test(a_dot_plot_is_drawn_with_its_alternative),
        cmocka_unit_test(nothing_is_dropped),
        cmocka_unit_test(structure_is_one_tree),
        cmocka_unit_test(charts_figures_are_in_an_appendix),
        cmocka_unit_test(sections_flow_unless_asked),
        cmocka_unit_test(tall_charts_go_on_over_pages),
        cmocka_unit_test(a_row_taller_than_a_page_is_an_error),
        cmocka_unit_test(short_tables_stay_whole),
        cmocka_unit_test(logos_are_embedded_at_print_size),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}

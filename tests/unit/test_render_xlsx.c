/* Unit tests for src/render/xlsx: the workbook of a small hand-built tree,
 * read back as Excel would (it is a zip of XML, read with `unzip -p`): the
 * sheets in order, only the annex's tables, the header row of the columns
 * the workbook shows, numbers stored exactly, change formulas with their
 * results cached (from a stated baseline: over the baseline column), the
 * shorthand for a hidden figure, the notes and the cover (its publication
 * date and links to the report), row heights that fit wrapped words, and
 * the titles' and headers' styles. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/arena.h"
#include "doc/doc.h"
#include "render/render.h"
#include "render/xlsx.h"

#include <dirent.h>
#include <math.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

/* ---- reading the workbook back -------------------------------------------------------- */

/* A member of the zip file, as text (malloc'd), or NULL when it is not
 * there. */
static char *unzip(const char *file, const char *member)
{
    char cmd[2048];
    snprintf(cmd, sizeof cmd, "unzip -p '%s' '%s' 2>/dev/null", file, member);
    FILE *p = popen(cmd, "r");
    assert_non_null(p);
    size_t n = 0, cap = 4096;
    char *s = malloc(cap);
    assert_non_null(s);
    size_t got;
    while ((got = fread(s + n, 1, cap - n - 1, p)) > 0) {
        n += got;
        if (cap - n - 1 == 0) {
            cap *= 2;
            s = realloc(s, cap);
            assert_non_null(s);
        }
    }
    s[n] = '\0';
    int st = pclose(p);
    if (st != 0 || n == 0) {
        free(s);
        return NULL;
    }
    return s;
}

/* XML text with the five entities replaced, malloc'd. */
static char *unescape(const char *s, size_t len)
{
    static const char *const ent[][2] = {
        {"&amp;", "&"}, {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&apos;", "'"}};
    char *o = malloc(len + 1), *q = o;
    assert_non_null(o);
    for (size_t i = 0; i < len;) {
        size_t k;
        for (k = 0; k < 5; k++) {
            size_t el = strlen(ent[k][0]);
            if (i + el <= len && strncmp(s + i, ent[k][0], el) == 0) {
                *q++ = ent[k][1][0];
                i += el;
                break;
            }
        }
        if (k == 5)
            *q++ = s[i++];
    }
    *q = '\0';
    return o;
}

typedef struct {
    char *file; /* the workbook */
    char **ss;  /* shared strings */
    size_t nss;
    char *sheets; /* xl/workbook.xml */
} book;

static void book_open(book *b, const char *file)
{
    memset(b, 0, sizeof *b);
    b->file = strdup(file);
    b->sheets = unzip(file, "xl/workbook.xml");
    assert_non_null(b->sheets);
    char *x = unzip(file, "xl/sharedStrings.xml");
    assert_non_null(x);
    size_t cap = 0;
    for (const char *p = strstr(x, "<si>"); p; p = strstr(p + 4, "<si>")) {
        const char *end = strstr(p, "</si>");
        assert_non_null(end);
        /* The words of every <t> in the item. */
        char *words = calloc(1, (size_t)(end - p) + 1);
        assert_non_null(words);
        for (const char *t = strstr(p, "<t"); t && t < end; t = strstr(t + 2, "<t")) {
            const char *open = strchr(t, '>');
            const char *close = strstr(open, "</t>");
            if (t[2] != '>' && t[2] != ' ')
                continue;
            char *u = unescape(open + 1, (size_t)(close - open - 1));
            strcat(words, u);
            free(u);
        }
        if (b->nss == cap) {
            cap = cap ? cap * 2 : 64;
            b->ss = realloc(b->ss, cap * sizeof *b->ss);
            assert_non_null(b->ss);
        }
        b->ss[b->nss++] = words;
    }
    free(x);
}

static void book_close(book *b)
{
    for (size_t i = 0; i < b->nss; i++)
        free(b->ss[i]);
    free(b->ss);
    free(b->sheets);
    free(b->file);
}

/* The sheets' names in order, separated by spaces. */
static char *sheet_names(const book *b)
{
    char *out = calloc(1, strlen(b->sheets) + 1);
    assert_non_null(out);
    for (const char *p = strstr(b->sheets, "<sheet name=\""); p;
         p = strstr(p + 1, "<sheet name=\"")) {
        p += strlen("<sheet name=\"");
        const char *q = strchr(p, '"');
        if (*out)
            strcat(out, " ");
        strncat(out, p, (size_t)(q - p));
    }
    return out;
}

/* Sheet n's XML (1 is the first). */
static char *sheet_xml(const book *b, int n)
{
    char m[64];
    snprintf(m, sizeof m, "xl/worksheets/sheet%d.xml", n);
    char *x = unzip(b->file, m);
    assert_non_null(x);
    return x;
}

/* A cell as the reference dumps give it: "=FORMULA VALUE" for a formula,
 * else its value (a shared string resolved), "" for a blank one; NULL when
 * the cell is not written at all. Into buf. */
static const char *cell(const book *b, const char *xml, const char *ref, char *buf, size_t size)
{
    char key[32];
    snprintf(key, sizeof key, "<c r=\"%s\"", ref);
    const char *p = strstr(xml, key);
    if (!p)
        return NULL;
    const char *gt = strchr(p, '>');
    buf[0] = '\0';
    if (gt[-1] == '/')
        return buf;
    const char *end = strstr(gt, "</c>");
    bool shared = false;
    for (const char *a = p; a < gt; a++)
        if (strncmp(a, "t=\"s\"", 5) == 0)
            shared = true;
    char f[256] = "", v[1024] = "";
    const char *fo = strstr(gt, "<f>");
    if (fo && fo < end) {
        const char *fc = strstr(fo, "</f>");
        snprintf(f, sizeof f, "=%.*s ", (int)(fc - fo - 3), fo + 3);
    }
    const char *vo = strstr(gt, "<v>");
    if (vo && vo < end) {
        const char *vc = strstr(vo, "</v>");
        snprintf(v, sizeof v, "%.*s", (int)(vc - vo - 3), vo + 3);
    }
    if (shared) {
        size_t i = (size_t)strtoul(v, NULL, 10);
        assert_true(i < b->nss);
        snprintf(v, sizeof v, "%s", b->ss[i]);
    }
    snprintf(buf, size, "%s%s", f, v);
    return buf;
}

#define assert_cell(b, xml, ref, want)                                                             \
    do {                                                                                           \
        char buf_[1200];                                                                           \
        const char *got_ = cell((b), (xml), (ref), buf_, sizeof buf_);                             \
        if (!got_ || strcmp(got_, (want)) != 0)                                                    \
            fail_msg("cell %s is \"%s\", wanted \"%s\"", (ref), got_ ? got_ : "(not written)",     \
                     (want));                                                                      \
    } while (0)

static bool has_string(const book *b, const char *s)
{
    for (size_t i = 0; i < b->nss; i++)
        if (strcmp(b->ss[i], s) == 0)
            return true;
    return false;
}

/* The table named name: its range, as "A3:I8", into buf; NULL if none. */
static const char *table_ref(const book *b, const char *name, char *buf, size_t size)
{
    char key[128];
    snprintf(key, sizeof key, "name=\"%s\"", name);
    for (int i = 1; i < 100; i++) {
        char m[64];
        snprintf(m, sizeof m, "xl/tables/table%d.xml", i);
        char *x = unzip(b->file, m);
        if (!x)
            break;
        const char *r = strstr(x, key) ? strstr(x, " ref=\"") : NULL;
        if (r) {
            r += 6;
            snprintf(buf, size, "%.*s", (int)(strchr(r, '"') - r), r);
            free(x);
            return buf;
        }
        free(x);
    }
    return NULL;
}

/* ---- a hand-built tree ----------------------------------------------------------------- */

typedef struct {
    sr_arena *a;
    sr_document doc;
    sr_dnode *annex;
    char dir[512], path[600];
} world;

static sr_mval val(int64_t num, int64_t den)
{
    return (sr_mval){.avail = SR_AVAILABLE, .num = num, .den = den};
}

static sr_mval not_available(void)
{
    return (sr_mval){.avail = SR_NOT_AVAILABLE, .den = 1};
}

static sr_mval hidden(int64_t n)
{
    return (sr_mval){.avail = SR_AVAILABLE, .num = n, .den = 1, .suppressed = true};
}

static sr_dtable *new_table(sr_arena *a, const char *sheet, const char *title, size_t ncols,
                            size_t nrows)
{
    sr_dtable *t = sr_arena_alloc(a, sizeof *t);
    t->sheet = sheet;
    t->title = title;
    t->desc = sr_arena_printf(a, "About %s. [note 1]", sheet ? sheet : "the table");
    t->ncols = ncols;
    t->nrows = nrows;
    t->cols = sr_arena_alloc(a, ncols * sizeof *t->cols);
    t->cells = sr_arena_alloc(a, (nrows ? nrows : 1) * ncols * sizeof *t->cells);
    return t;
}

static sr_dcol col(sr_dcol_kind k, const char *head, unsigned shown, double width, bool wrap)
{
    return (sr_dcol){.kind = k,
                     .head = head,
                     .shown = shown,
                     .width = width,
                     .wrap = wrap,
                     .cur = -1,
                     .prev = -1,
                     .base = -1};
}

static sr_dcell *at(sr_dtable *t, size_t r, size_t c)
{
    return &t->cells[r * t->ncols + c];
}

static void text(sr_dtable *t, size_t r, size_t c, const char *s)
{
    *at(t, r, c) = (sr_dcell){.kind = SR_CELL_TEXT, .text = s};
}

static void value(sr_dtable *t, size_t r, size_t c, sr_unit u, sr_mval v)
{
    *at(t, r, c) = (sr_dcell){.kind = SR_CELL_VALUE, .unit = u, .v = v};
}

static void change(sr_dtable *t, size_t r, size_t c, sr_unit u, const sr_cmp *cmp)
{
    *at(t, r, c) = (sr_dcell){.kind = SR_CELL_CHANGE, .unit = u, .cmp = cmp};
}

/* A comparison of cur with prev that worked: cur - prev, and the change as
 * a percentage of prev. */
static const sr_cmp *compared(sr_arena *a, sr_mval prev, sr_mval cur, int prev_year, bool base)
{
    sr_cmp *c = sr_arena_alloc(a, sizeof *c);
    c->status = SR_CMP_OK;
    c->prev = prev;
    c->prev_year = prev_year;
    c->from_baseline = base;
    c->dnum = (sr_i128)cur.num * prev.den - (sr_i128)prev.num * cur.den;
    c->dden = (sr_i128)cur.den * prev.den;
    c->pct_ok = true;
    c->pnum = c->dnum * 100 * prev.den;
    c->pden = c->dden * prev.num;
    return c;
}

static const sr_cmp *refused(sr_arena *a, sr_cmp_status st, sr_mval prev)
{
    sr_cmp *c = sr_arena_alloc(a, sizeof *c);
    c->status = st;
    c->prev = prev;
    c->prev_year = 2018;
    return c;
}

enum { S_LABEL, S_PRINT, S_UNIT, S_Y0, S_Y1, S_CHG, S_PCT, S_BYEAR, S_BASE, S_NOTES, S_NCOLS };

/* The summary: as the builder makes it, with a print-only column more. */
static sr_dtable *summary(sr_arena *a)
{
    sr_dtable *t = new_table(a, "Summary", "Every figure, 2019-20 and the year before", S_NCOLS, 5);
    t->cols[S_LABEL] = col(SR_COL_LABEL, "Figure", SR_OUT_ALL, 60, true);
    t->cols[S_PRINT] = col(SR_COL_TEXT, "Print only", SR_OUT_PRINT, 20, false);
    t->cols[S_UNIT] = col(SR_COL_TEXT, "Unit", SR_OUT_DATA, 12, false);
    t->cols[S_Y0] = col(SR_COL_VALUE, "2018-19", SR_OUT_ALL, 14, false);
    t->cols[S_Y0].year = 2018;
    t->cols[S_Y1] = col(SR_COL_VALUE, "2019-20", SR_OUT_ALL, 14, false);
    t->cols[S_Y1].year = 2019;
    for (int c = S_CHG; c <= S_PCT; c++) {
        t->cols[c] = col(c == S_CHG ? SR_COL_CHANGE : SR_COL_CHANGE_PCT,
                         c == S_CHG ? "Change" : "Change (%)",
                         c == S_CHG ? SR_OUT_ALL : SR_OUT_DATA, 14, false);
        t->cols[c].cur = S_Y1;
        t->cols[c].prev = S_Y0;
        t->cols[c].base = S_BASE;
    }
    t->cols[S_CHG].words = true;
    t->cols[S_BYEAR] = col(SR_COL_TEXT, "Baseline year", SR_OUT_DATA, 14, false);
    t->cols[S_BASE] = col(SR_COL_VALUE, "Baseline", SR_OUT_DATA, 14, false);
    t->cols[S_BASE].baseline = true;
    t->cols[S_NOTES] = col(SR_COL_TEXT, "Notes", SR_OUT_DATA, 30, true);

    static const char *const labels[] = {
        "Referrals",
        "Assessments (Quarter 4): referrals to children's social care that went on to an "
        "assessment by a social worker within the year, of all the referrals made in the quarter",
        "Presentations", "Small numbers", "Total income"};
    static const char *const unames[] = {"count", "percentage", "count", "count", "money"};
    for (size_t r = 0; r < 5; r++) {
        text(t, r, S_LABEL, labels[r]);
        text(t, r, S_PRINT, "printed");
        text(t, r, S_UNIT, unames[r]);
        text(t, r, S_NOTES, "");
    }
    /* Compared with the year before. */
    value(t, 0, S_Y0, SR_U_COUNT, val(3653, 1));
    value(t, 0, S_Y1, SR_U_COUNT, val(3243, 1));
    const sr_cmp *c0 = compared(a, val(3653, 1), val(3243, 1), 2018, false);
    change(t, 0, S_CHG, SR_U_COUNT, c0);
    change(t, 0, S_PCT, SR_U_COUNT, c0);
    /* 88.6%, nothing to compare with. */
    value(t, 1, S_Y0, SR_U_PERCENTAGE, not_available());
    value(t, 1, S_Y1, SR_U_PERCENTAGE, val(886, 10));
    const sr_cmp *c1 = refused(a, SR_CMP_NO_PREVIOUS, not_available());
    change(t, 1, S_CHG, SR_U_PERCENTAGE, c1);
    change(t, 1, S_PCT, SR_U_PERCENTAGE, c1);
    text(t, 1, S_NOTES, "[note 3]");
    /* From a stated baseline: 26 in 2017-18. */
    value(t, 2, S_Y0, SR_U_COUNT, not_available());
    value(t, 2, S_Y1, SR_U_COUNT, val(8, 1));
    const sr_cmp *c2 = compared(a, val(26, 1), val(8, 1), 2017, true);
    change(t, 2, S_CHG, SR_U_COUNT, c2);
    change(t, 2, S_PCT, SR_U_COUNT, c2);
    text(t, 2, S_BYEAR, "2017-18");
    value(t, 2, S_BASE, SR_U_COUNT, val(26, 1));
    text(t, 2, S_NOTES, "Compared with 2017-18, the baseline the partner gave.");
    /* Hidden to protect small numbers. */
    value(t, 3, S_Y0, SR_U_COUNT, hidden(3));
    value(t, 3, S_Y1, SR_U_COUNT, val(40, 1));
    const sr_cmp *c3 = refused(a, SR_CMP_SUPPRESSED, hidden(3));
    change(t, 3, S_CHG, SR_U_COUNT, c3);
    change(t, 3, S_PCT, SR_U_COUNT, c3);
    /* Money: pounds, with pence when there are any. */
    value(t, 4, S_Y0, SR_U_MONEY, val(7001400, 1));
    value(t, 4, S_Y1, SR_U_MONEY, val(11047750, 1));
    const sr_cmp *c4 = compared(a, val(7001400, 1), val(11047750, 1), 2018, false);
    change(t, 4, S_CHG, SR_U_MONEY, c4);
    change(t, 4, S_PCT, SR_U_MONEY, c4);
    /* Rows 0, 1, 3 and 4 leave the baseline columns empty. */
    return t;
}

/* A metric's sheet, with a baseline column (a from-baseline row) that the
 * print leaves out: Item, 2018-19, 2019-20, Baseline (2017-18), Change, Change (%). */
static sr_dtable *metric(sr_arena *a)
{
    sr_dtable *t = new_table(a, "Cp_plans_by_category", "Plans by category, 2019-20", 6, 2);
    t->cols[0] = col(SR_COL_LABEL, "", SR_OUT_ALL, 52, true);
    t->cols[0].data_head = "Item";
    t->cols[1] = col(SR_COL_VALUE, "2018-19", SR_OUT_ALL, 14, false);
    t->cols[2] = col(SR_COL_VALUE, "2019-20", SR_OUT_ALL, 14, false);
    t->cols[3] = col(SR_COL_VALUE, "Baseline (2017-18)", SR_OUT_DATA, 14, false);
    t->cols[3].baseline = true;
    t->cols[4] = col(SR_COL_CHANGE, "Change", SR_OUT_ALL, 14, false);
    t->cols[5] = col(SR_COL_CHANGE_PCT, "Change (%)", SR_OUT_ALL, 14, false);
    for (int c = 4; c <= 5; c++) {
        t->cols[c].cur = 2;
        t->cols[c].prev = 1;
        t->cols[c].base = 3;
    }
    text(t, 0, 0, "Emotional abuse");
    value(t, 0, 1, SR_U_COUNT, val(120, 1));
    value(t, 0, 2, SR_U_COUNT, val(106, 1));
    const sr_cmp *c0 = compared(a, val(120, 1), val(106, 1), 2018, false);
    change(t, 0, 4, SR_U_COUNT, c0);
    change(t, 0, 5, SR_U_COUNT, c0);
    text(t, 1, 0, "Neglect");
    value(t, 1, 1, SR_U_COUNT, not_available());
    value(t, 1, 2, SR_U_COUNT, val(4, 1));
    value(t, 1, 3, SR_U_COUNT, val(2, 1));
    sr_cmp *c1 = (sr_cmp *)compared(a, val(2, 1), val(4, 1), 2017, true);
    c1->pct_ok = false; /* from a count below 5 */
    change(t, 1, 4, SR_U_COUNT, c1);
    change(t, 1, 5, SR_U_COUNT, c1);
    return t;
}

static const char *const notes[] = {
    "[x] means not available, [z] not applicable (such as a change across a series break or "
    "from 0), [c] hidden to protect small numbers.",
    "Counts from 1 to 5 are hidden as [c], and a second figure is hidden wherever a hidden one "
    "could be worked out from a total.",
    "Assessments: the figures for 2019-20 cover Quarter 4, not the whole year.",
};

static const char *const cover[] = {
    "This workbook holds every figure in the partnership's annual report.",
    "Reporting year: 2019-20. Area: Test.",
    "Contact: scp@example.org",
};

static int setup(void **state)
{
    world *w = calloc(1, sizeof *w);
    assert_non_null(w);
    w->a = sr_arena_new();
    const char *tmp = getenv("TMPDIR");
    snprintf(w->dir, sizeof w->dir, "%s/test-xlsx-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    assert_non_null(mkdtemp(w->dir));
    snprintf(w->path, sizeof w->path, "%s/annex.xlsx", w->dir);

    sr_document *d = &w->doc;
    d->title = "Test SCP annual report 2019-20";
    d->partnership = "Test SCP";
    d->year = "2019-20";
    d->subject = "Safeguarding";
    d->keywords = "safeguarding, children";
    d->lang = "en-GB";
    d->annex_title = "Test SCP: data tables for Test, 1 April 2019 to 31 March 2020";
    d->annex_cover = (const char **)cover;
    d->nannex_cover = 3;
    d->notes = (const char **)notes;
    d->nnotes = 3;

    sr_arena *a = w->a;
    sr_dnode *root = d->root = sr_dnode_new(a, SR_D_DOCUMENT);
    /* A section with a table of the report only: not a sheet. */
    sr_dnode *sec = sr_dnode_add(a, root, sr_dnode_new_text(a, SR_D_SECTION, "Leadership"));
    sr_dnode_add(a, sec, sr_dnode_new_plain(a, SR_D_PARAGRAPH, "Words."));
    sr_dtable *lead = new_table(a, NULL, NULL, 1, 1);
    lead->cols[0] = col(SR_COL_LABEL, "Partner", SR_OUT_ALL, 0, false);
    text(lead, 0, 0, "Test Council");
    sr_dnode_add(a, sec, sr_dnode_new(a, SR_D_TABLE))->table = lead;

    w->annex = sr_dnode_add(a, root, sr_dnode_new(a, SR_D_ANNEX));
    sr_dnode_add(a, w->annex, sr_dnode_new(a, SR_D_TABLE))->table = summary(a);
    sr_dnode_add(a, w->annex, sr_dnode_new(a, SR_D_TABLE))->table = metric(a);
    sr_dtable *empty =
        new_table(a, "Attendance", "Attendance at partnership meetings, 2019-20", 2, 0);
    empty->cols[0] = col(SR_COL_LABEL, "Body", SR_OUT_ALL, 28, false);
    empty->cols[1] = col(SR_COL_TEXT, "Date", SR_OUT_ALL, 18, false);
    sr_dnode_add(a, w->annex, sr_dnode_new(a, SR_D_TABLE))->table = empty;
    /* Chart files: not the workbook's. */
    sr_dnode *files = sr_dnode_add(a, root, sr_dnode_new(a, SR_D_CHART_FILES));
    sr_dnode_add(a, files, sr_dnode_new(a, SR_D_FIGURE));
    *state = w;
    return 0;
}

/* Files left in the folder, but for the workbook. */
static int others_in(const char *dir)
{
    DIR *d = opendir(dir);
    assert_non_null(d);
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)))
        if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..") && strcmp(e->d_name, "annex.xlsx"))
            n++;
    closedir(d);
    return n;
}

static int teardown(void **state)
{
    world *w = *state;
    unlink(w->path);
    assert_int_equal(others_in(w->dir), 0);
    rmdir(w->dir);
    sr_arena_free(w->a);
    free(w);
    return 0;
}

static void write_ok(world *w)
{
    sr_render_options o = {.created = 1699920000}; /* 14 November 2023 */
    sr_render_result r = {0};
    char err[512] = "";
    if (sr_output_xlsx.write(&w->doc, &o, w->path, &r, err, sizeof err) != 0)
        fail_msg("the workbook was not written: %s", err);
    assert_string_equal(r.what, "6 sheets, 5 tables");
    struct stat sb;
    assert_int_equal(stat(w->path, &sb), 0);
    assert_int_equal(r.bytes, (size_t)sb.st_size);
    assert_string_equal(r.after, "");
    assert_int_equal(others_in(w->dir), 0); /* the temporary file is renamed */
}

/* ---- tests ----------------------------------------------------------------------------- */

static void sheets_in_order(void **state)
{
    world *w = *state;
    write_ok(w);
    book b;
    book_open(&b, w->path);
    char *names = sheet_names(&b);
    assert_string_equal(names, "Cover_sheet Table_of_contents Notes Summary Cp_plans_by_category "
                               "Attendance");
    free(names);
    /* Contents: a link to each sheet and its title. */
    char *toc = sheet_xml(&b, 2);
    assert_cell(&b, toc, "A1", "Table of contents");
    assert_cell(&b, toc, "A3", "Sheet");
    assert_cell(&b, toc, "B3", "Table");
    assert_cell(&b, toc, "A4", "Summary");
    assert_cell(&b, toc, "B4", "Every figure, 2019-20 and the year before");
    assert_cell(&b, toc, "A5", "Cp_plans_by_category");
    assert_cell(&b, toc, "A6", "Attendance");
    assert_null(strstr(toc, "<c r=\"A7\""));
    assert_non_null(strstr(toc, "location=\"'Summary'!A1\""));
    free(toc);
    char ref[64];
    assert_non_null(table_ref(&b, "tbl_Contents", ref, sizeof ref));
    assert_string_equal(ref, "A3:B6");
    /* An empty table says so. */
    char *att = sheet_xml(&b, 6);
    assert_cell(&b, att, "A1", "Attendance at partnership meetings, 2019-20");
    assert_cell(&b, att, "A3", "Body");
    assert_cell(&b, att, "A4", "none given");
    free(att);
    assert_non_null(table_ref(&b, "tbl_Attendance", ref, sizeof ref));
    assert_string_equal(ref, "A3:B4");
    /* The report's own table is no sheet. */
    assert_false(has_string(&b, "Test Council"));
    book_close(&b);
}

static void cover_and_notes(void **state)
{
    world *w = *state;
    write_ok(w);
    book b;
    book_open(&b, w->path);
    char *c = sheet_xml(&b, 1);
    assert_cell(&b, c, "A1", "Test SCP: data tables for Test, 1 April 2019 to 31 March 2020");
    assert_cell(&b, c, "A2", cover[0]);
    assert_cell(&b, c, "A4", "Contact: scp@example.org");
    /* No publication date: the cover says it is not published yet. With
     * no file names (a workbook written alone) there is nothing to link. */
    assert_cell(&b, c, "A5", "Not yet published.");
    assert_cell(&b, c, "A6", "Prepared: 14 November 2023.");
    assert_null(strstr(c, "<c r=\"A7\""));
    assert_null(strstr(c, "<hyperlink"));
    free(c);
    char *n = sheet_xml(&b, 3);
    assert_cell(&b, n, "A1", "Notes");
    assert_cell(&b, n, "A3", "Note number");
    assert_cell(&b, n, "B3", "Note text");
    assert_cell(&b, n, "A4", "note 1");
    assert_cell(&b, n, "B4", notes[0]);
    assert_cell(&b, n, "A6", "note 3");
    assert_cell(&b, n, "B6", notes[2]);
    free(n);
    char ref[64];
    assert_non_null(table_ref(&b, "tbl_Notes", ref, sizeof ref));
    assert_string_equal(ref, "A3:B6");
    char *core = unzip(w->path, "docProps/core.xml");
    assert_non_null(core);
    assert_non_null(
        strstr(core, "<dc:title>Test SCP annual report 2019-20: data tables</dc:title>"));
    assert_non_null(strstr(core, "2023-11-14T00:00:00Z"));
    free(core);
    book_close(&b);
}

/* The value of attribute name in the first element of xml that starts
 * with start ("<row r=\"3\""), into buf; NULL when there is none. */
static const char *attr(const char *xml, const char *start, const char *name, char *buf,
                        size_t size)
{
    const char *p = strstr(xml, start);
    if (!p)
        return NULL;
    const char *gt = strchr(p, '>');
    char key[64];
    snprintf(key, sizeof key, " %s=\"", name);
    const char *a = strstr(p, key);
    if (!a || a > gt)
        return NULL;
    a += strlen(key);
    snprintf(buf, size, "%.*s", (int)(strchr(a, '"') - a), a);
    return buf;
}

static void cover_gives_the_publication_date_and_links_the_report(void **state)
{
    world *w = *state;
    w->doc.published = "30 October 2020";
    w->doc.pdf_file = "test-annual-report-2019-20.pdf";
    w->doc.html_file = "test-annual-report-2019-20.html";
    write_ok(w);
    book b;
    book_open(&b, w->path);
    char *c = sheet_xml(&b, 1);
    assert_cell(&b, c, "A5", "Published: 30 October 2020.");
    assert_cell(&b, c, "A6", "Prepared: 14 November 2023.");
    /* Links to the report beside the workbook, by a relative address, their
     * words saying where they go. */
    assert_cell(&b, c, "A7",
                "The annual report 2019-20, as a PDF (test-annual-report-2019-20.pdf, in the "
                "same folder as this workbook)");
    assert_cell(&b, c, "A8",
                "The annual report 2019-20, as a web page (test-annual-report-2019-20.html, in "
                "the same folder as this workbook)");
    char id7[16], id8[16];
    assert_non_null(attr(c, "<hyperlink ref=\"A7\"", "r:id", id7, sizeof id7));
    assert_non_null(attr(c, "<hyperlink ref=\"A8\"", "r:id", id8, sizeof id8));
    char *rels = unzip(w->path, "xl/worksheets/_rels/sheet1.xml.rels");
    assert_non_null(rels);
    char want[256];
    snprintf(want, sizeof want,
             "Id=\"%s\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
             "relationships/hyperlink\" Target=\"test-annual-report-2019-20.pdf\" "
             "TargetMode=\"External\"",
             id7);
    assert_non_null(strstr(rels, want));
    assert_non_null(strstr(rels, "Target=\"test-annual-report-2019-20.html\""));
    free(rels);
    free(c);
    book_close(&b);
}

static void rows_are_as_high_as_their_wrapped_words(void **state)
{
    world *w = *state;
    write_ok(w);
    book b;
    book_open(&b, w->path);
    char h[32];
    /* The notes: the first two run to two lines of the 100-character
     * column, the third fits on one (the default height). */
    char *n = sheet_xml(&b, 3);
    assert_string_equal(attr(n, "<row r=\"4\"", "ht", h, sizeof h), "30");
    assert_string_equal(attr(n, "<row r=\"4\"", "customHeight", h, sizeof h), "1");
    assert_string_equal(attr(n, "<row r=\"5\"", "ht", h, sizeof h), "30");
    assert_null(attr(n, "<row r=\"6\"", "ht", h, sizeof h));
    free(n);
    /* A metric's sheet: the title a heading, its row as high as its type;
     * the description plain (no wrapping from the column under it); the
     * header row as high as its longest header, wrapped in 14 characters:
     * "Baseline (2017-18)" is two lines. */
    char *m = sheet_xml(&b, 5);
    assert_string_equal(attr(m, "<row r=\"1\"", "ht", h, sizeof h), "18.75");
    assert_null(attr(m, "<c r=\"A2\"", "s", h, sizeof h));
    assert_string_equal(attr(m, "<row r=\"3\"", "ht", h, sizeof h), "30");
    assert_null(attr(m, "<row r=\"4\"", "ht", h, sizeof h));
    char *st = unzip(w->path, "xl/styles.xml");
    assert_non_null(st);
    /* The title's style: bold, 14 point. */
    int xf = atoi(attr(m, "<c r=\"A1\"", "s", h, sizeof h));
    const char *x = strstr(st, "<cellXfs");
    for (int i = 0; x && i <= xf; i++)
        x = strstr(x + 1, "<xf ");
    assert_non_null(x);
    int font = atoi(attr(x, "<xf ", "fontId", h, sizeof h));
    const char *f = strstr(st, "<fonts");
    for (int i = 0; f && i <= font; i++)
        f = strstr(f + 1, "<font>");
    assert_non_null(f);
    assert_true(strncmp(f, "<font><b/><sz val=\"14\"/>", 24) == 0);
    /* The header cells wrap. */
    xf = atoi(attr(m, "<c r=\"D3\"", "s", h, sizeof h));
    x = strstr(st, "<cellXfs");
    for (int i = 0; x && i <= xf; i++)
        x = strstr(x + 1, "<xf ");
    assert_non_null(x);
    assert_true(strstr(x, "wrapText=\"1\"") < strstr(x, "</xf>"));
    assert_non_null(strstr(x, "wrapText=\"1\""));
    free(st);
    free(m);
    /* The summary: a long label wraps in the 60-character column, as
     * high as its lines. */
    char *s = sheet_xml(&b, 4);
    assert_string_equal(attr(s, "<row r=\"5\"", "ht", h, sizeof h), "45");
    assert_null(attr(s, "<row r=\"4\"", "ht", h, sizeof h));
    free(s);
    book_close(&b);
}

/* Words wider than their column: the column is widened to hold the
 * longest, up to 60 characters; longer words wrap at 60, the row as high
 * as their lines. */
static void words_fit_their_column(void **state)
{
    world *w = *state;
    sr_dtable *t =
        new_table(w->a, "Attendance", "Attendance at partnership meetings, 2019-20", 3, 2);
    t->cols[0] = col(SR_COL_LABEL, "Member", SR_OUT_ALL, 16, false);
    t->cols[1] = col(SR_COL_TEXT, "Partner id", SR_OUT_ALL, 16, false);
    t->cols[2] = col(SR_COL_TEXT, "Attendance", SR_OUT_ALL, 16, false);
    text(t, 0, 0, "Children and Family Court Advisory and Support Service"); /* 54 */
    text(t, 0, 1, "cafcass");
    text(t, 0, 2, "Attended");
    text(t, 1, 0, "Test Council");
    text(t, 1, 1,
         "a-partner-id-of-forty-characters-or-more and then a good many more words "
         "to run past sixty"); /* 90 */
    text(t, 1, 2, "Sent apologies");
    w->annex->kids[2]->table = t;
    write_ok(w);
    book b;
    book_open(&b, w->path);
    char *x = sheet_xml(&b, 6);
    assert_non_null(strstr(x, "<col min=\"1\" max=\"1\" width=\"55.7109375\" customWidth=\"1\"/>"));
    assert_non_null(
        strstr(x, "<col min=\"2\" max=\"2\" width=\"60.7109375\" style=\"1\" customWidth=\"1\"/>"));
    assert_non_null(strstr(x, "<col min=\"3\" max=\"3\" width=\"16.7109375\" customWidth=\"1\"/>"));
    char h[32];
    assert_null(attr(x, "<row r=\"4\"", "ht", h, sizeof h));
    assert_string_equal(attr(x, "<row r=\"5\"", "ht", h, sizeof h), "30");
    assert_cell(&b, x, "B5",
                "a-partner-id-of-forty-characters-or-more and then a good many more words to run "
                "past sixty");
    free(x);
    book_close(&b);
}

static void summary_cells(void **state)
{
    world *w = *state;
    write_ok(w);
    book b;
    book_open(&b, w->path);
    char *s = sheet_xml(&b, 4);
    assert_cell(&b, s, "A1", "Every figure, 2019-20 and the year before");
    assert_cell(&b, s, "A2", "About Summary. [note 1]");
    /* The header row: the workbook's columns only, the print-only one left
     * out, the data-only ones in. */
    static const char *const heads[] = {"Figure",        "Unit",     "2018-19",
                                        "2019-20",       "Change",   "Change (%)",
                                        "Baseline year", "Baseline", "Notes"};
    for (int i = 0; i < 9; i++) {
        char ref[8];
        snprintf(ref, sizeof ref, "%c3", 'A' + i);
        assert_cell(&b, s, ref, heads[i]);
    }
    assert_null(strstr(s, "<c r=\"J3\""));
    assert_false(has_string(&b, "Print only"));
    assert_false(has_string(&b, "printed"));
    char ref[64];
    assert_non_null(table_ref(&b, "tbl_Summary", ref, sizeof ref));
    assert_string_equal(ref, "A3:I8");
    /* Referrals: numbers, and changes as formulas with cached results. */
    assert_cell(&b, s, "A4", "Referrals");
    assert_cell(&b, s, "B4", "count");
    assert_cell(&b, s, "C4", "3653");
    assert_cell(&b, s, "D4", "3243");
    assert_cell(&b, s, "E4", "=D4-C4 -410");
    char buf[256];
    const char *pct = cell(&b, s, "F4", buf, sizeof buf);
    assert_non_null(pct);
    assert_int_equal(strncmp(pct, "=(D4-C4)/C4 ", 12), 0);
    assert_true(fabs(strtod(pct + 12, NULL) - (-410.0 / 3653.0)) < 1e-15);
    /* 88.6% stored as exactly 0.886, the missing year as [x]. */
    assert_cell(&b, s, "C5", "[x]");
    assert_cell(&b, s, "D5", "0.886");
    assert_cell(&b, s, "E5", "[x]");
    assert_cell(&b, s, "F5", "[x]");
    assert_cell(&b, s, "I5", "[note 3]");
    /* From the stated baseline: the formulas subtract the Baseline column. */
    assert_cell(&b, s, "C6", "[x]");
    assert_cell(&b, s, "D6", "8");
    assert_cell(&b, s, "E6", "=D6-H6 -18");
    pct = cell(&b, s, "F6", buf, sizeof buf);
    assert_non_null(pct);
    assert_int_equal(strncmp(pct, "=(D6-H6)/H6 ", 12), 0);
    assert_true(fabs(strtod(pct + 12, NULL) - (-18.0 / 26.0)) < 1e-15);
    assert_cell(&b, s, "G6", "2017-18");
    assert_cell(&b, s, "H6", "26");
    assert_cell(&b, s, "I6", "Compared with 2017-18, the baseline the partner gave.");
    /* Empty baseline cells are not written. */
    assert_null(cell(&b, s, "G4", buf, sizeof buf));
    assert_null(cell(&b, s, "H4", buf, sizeof buf));
    /* Hidden: [c], and so is its change. */
    assert_cell(&b, s, "C7", "[c]");
    assert_cell(&b, s, "D7", "40");
    assert_cell(&b, s, "E7", "[c]");
    assert_cell(&b, s, "F7", "[c]");
    /* Money in pounds, with pence shown when there are any. */
    assert_cell(&b, s, "C8", "70014");
    assert_cell(&b, s, "D8", "110477.5");
    assert_cell(&b, s, "E8", "=D8-C8 40463.5");
    free(s);
    char *styles = unzip(w->path, "xl/styles.xml");
    assert_non_null(styles);
    assert_non_null(strstr(styles, "formatCode=\"\xC2\xA3#,##0.00\""));
    assert_non_null(strstr(styles, "formatCode=\"\xC2\xA3#,##0\""));
    assert_non_null(strstr(styles, "formatCode=\"0.0%\""));
    free(styles);
    book_close(&b);
}

/* The DfE's figures: each value shown to the places the DfE publishes it
 * with (a whole-number rate of looked after children, a rate to one
 * place), its own shorthand ([low]) as words. */
static void published_figures_keep_their_places(void **state)
{
    world *w = *state;
    sr_arena *a = w->a;
    sr_dtable *t = new_table(a, "Benchmarks", "How Test compares", 2, 3);
    t->cols[0] = col(SR_COL_LABEL, "Measure", SR_OUT_ALL, 40, true);
    t->cols[1] = col(SR_COL_VALUE, "England", SR_OUT_ALL, 14, false);
    text(t, 0, 0, "Children looked after per 10,000");
    *at(t, 0, 1) =
        (sr_dcell){.kind = SR_CELL_VALUE, .unit = SR_U_RATE, .v = val(67, 1), .shown = "67"};
    text(t, 1, 0, "Section 47 enquiries per 10,000");
    *at(t, 1, 1) =
        (sr_dcell){.kind = SR_CELL_VALUE, .unit = SR_U_RATE, .v = val(1916, 10), .shown = "191.6"};
    text(t, 2, 0, "Re-referrals");
    *at(t, 2, 1) = (sr_dcell){
        .kind = SR_CELL_VALUE, .unit = SR_U_PERCENTAGE, .v = not_available(), .shown = "[low]"};
    w->annex->kids[2]->table = t;
    write_ok(w);
    book b;
    book_open(&b, w->path);
    char *s = sheet_xml(&b, 6);
    assert_cell(&b, s, "A1", "How Test compares");
    assert_cell(&b, s, "B4", "67");
    assert_cell(&b, s, "B5", "191.6");
    assert_cell(&b, s, "B6", "[low]");
    /* 67 and 191.6 are shown with formats of their own places. */
    const char *b4 = strstr(s, "<c r=\"B4\" s=\""), *b5 = strstr(s, "<c r=\"B5\" s=\"");
    assert_non_null(b4);
    assert_non_null(b5);
    assert_int_not_equal(atoi(b4 + 13), atoi(b5 + 13));
    free(s);
    book_close(&b);
}

static void metric_sheet_with_baseline(void **state)
{
    world *w = *state;
    write_ok(w);
    book b;
    book_open(&b, w->path);
    char *s = sheet_xml(&b, 5);
    assert_cell(&b, s, "A3", "Item"); /* the workbook's header, where the print has none */
    assert_cell(&b, s, "B3", "2018-19");
    assert_cell(&b, s, "C3", "2019-20");
    assert_cell(&b, s, "D3", "Baseline (2017-18)");
    assert_cell(&b, s, "E3", "Change");
    assert_cell(&b, s, "F3", "Change (%)");
    assert_cell(&b, s, "E4", "=C4-B4 -14");
    assert_null(cell(&b, s, "D4", (char[64]){0}, 64));
    assert_cell(&b, s, "B5", "[x]");
    assert_cell(&b, s, "D5", "2");
    assert_cell(&b, s, "E5", "=C5-D5 2");
    assert_cell(&b, s, "F5", "[z]"); /* no percentage from a count below 5 */
    /* Widths: the label column wraps. */
    assert_non_null(strstr(s, "<col min=\"1\" max=\"1\" width=\"52.7109375\""));
    free(s);
    char ref[64];
    assert_non_null(table_ref(&b, "tbl_Cp_plans_by_category", ref, sizeof ref));
    assert_string_equal(ref, "A3:F5");
    book_close(&b);
}

static void refuses_what_it_cannot_write(void **state)
{
    world *w = *state;
    sr_xlsx_options o = {w->path, 1699920000};
    sr_xlsx_stats st = {0};
    char err[512] = "";
    /* Two sheets of one name. */
    sr_dtable *again = metric(w->a);
    sr_dnode *n = sr_dnode_add(w->a, w->annex, sr_dnode_new(w->a, SR_D_TABLE));
    n->table = again;
    assert_int_equal(sr_xlsx_write(&w->doc, &o, &st, err, sizeof err), -1);
    assert_non_null(strstr(err, "Cp_plans_by_category"));
    assert_non_null(strstr(err, "already in use"));
    assert_int_equal(access(w->path, F_OK), -1);
    assert_int_equal(others_in(w->dir), 0); /* no temporary file left */
    /* A change over a column the workbook does not show. */
    again->sheet = "Other";
    again->cols[1].shown = SR_OUT_PRINT;
    err[0] = '\0';
    assert_int_equal(sr_xlsx_write(&w->doc, &o, &st, err, sizeof err), -1);
    assert_non_null(strstr(err, "Other"));
    assert_non_null(strstr(err, "does not show"));
    assert_int_equal(access(w->path, F_OK), -1);
    assert_int_equal(others_in(w->dir), 0);
    /* A column with no header in the workbook (an Excel table needs one). */
    again->cols[1].shown = SR_OUT_ALL;
    again->cols[0].data_head = NULL;
    err[0] = '\0';
    assert_int_equal(sr_xlsx_write(&w->doc, &o, &st, err, sizeof err), -1);
    assert_non_null(strstr(err, "Other: column 1 of the workbook has no header"));
    assert_int_equal(others_in(w->dir), 0);
    /* Two columns of one header. */
    again->cols[0].data_head = "2019-20";
    err[0] = '\0';
    assert_int_equal(sr_xlsx_write(&w->doc, &o, &st, err, sizeof err), -1);
    assert_non_null(strstr(err, "Other: two columns are headed \"2019-20\""));
    assert_int_equal(access(w->path, F_OK), -1);
    w->annex->nkids--;
}

/* Under a file size limit (ulimit -f) with SIGXFSZ ignored, as the program
 * runs, the workbook is not written, the message says it is the limit, and
 * no temporary file is left. */
static void file_size_limit(void **state)
{
    world *w = *state;
    sr_xlsx_options o = {w->path, 1699920000};
    sr_xlsx_stats st = {0};
    char err[512] = "";
    struct sigaction ign = {0}, old;
    ign.sa_handler = SIG_IGN;
    assert_int_equal(sigemptyset(&ign.sa_mask), 0);
    assert_int_equal(sigaction(SIGXFSZ, &ign, &old), 0);
    struct rlimit was, small;
    assert_int_equal(getrlimit(RLIMIT_FSIZE, &was), 0);
    small = was;
    small.rlim_cur = 2048; /* the workbook is larger */
    assert_int_equal(setrlimit(RLIMIT_FSIZE, &small), 0);
    int rc = sr_xlsx_write(&w->doc, &o, &st, err, sizeof err);
    assert_int_equal(setrlimit(RLIMIT_FSIZE, &was), 0);
    assert_int_equal(sigaction(SIGXFSZ, &old, NULL), 0);
    assert_int_equal(rc, -1);
    if (!strstr(err, "the file size limit (ulimit -f)"))
        fail_msg("%s", err);
    assert_int_equal(access(w->path, F_OK), -1);
    assert_int_equal(others_in(w->dir), 0);
}

static void reproducible(void **state)
{
    world *w = *state;
    write_ok(w);
    char *one = unzip(w->path, "xl/worksheets/sheet4.xml");
    struct stat s1;
    assert_int_equal(stat(w->path, &s1), 0);
    FILE *f = fopen(w->path, "rb");
    assert_non_null(f);
    char *bytes = malloc((size_t)s1.st_size);
    assert_int_equal(fread(bytes, 1, (size_t)s1.st_size, f), (size_t)s1.st_size);
    fclose(f);
    write_ok(w);
    f = fopen(w->path, "rb");
    assert_non_null(f);
    char *again = malloc((size_t)s1.st_size + 1);
    assert_int_equal(fread(again, 1, (size_t)s1.st_size + 1, f), (size_t)s1.st_size);
    fclose(f);
    assert_memory_equal(bytes, again, (size_t)s1.st_size);
    free(bytes);
    free(again);
    free(one);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(sheets_in_order, setup, teardown),
        cmocka_unit_test_setup_teardown(cover_and_notes, setup, teardown),
        cmocka_unit_test_setup_teardown(cover_gives_the_publication_date_and_links_the_report,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(rows_are_as_high_as_their_wrapped_words, setup, teardown),
        cmocka_unit_test_setup_teardown(words_fit_their_column, setup, teardown),
        cmocka_unit_test_setup_teardown(summary_cells, setup, teardown),
        cmocka_unit_test_setup_teardown(metric_sheet_with_baseline, setup, teardown),
        cmocka_unit_test_setup_teardown(published_figures_keep_their_places, setup, teardown),
        cmocka_unit_test_setup_teardown(refuses_what_it_cannot_write, setup, teardown),
        cmocka_unit_test_setup_teardown(reproducible, setup, teardown),
        cmocka_unit_test_setup_teardown(file_size_limit, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

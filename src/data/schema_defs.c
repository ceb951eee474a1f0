/* schema_defs: the submission and partnership formats as schema tables.
 *
 * Field docs are written for a partner's data lead: they appear in the
 * commented template (`sscp-report template`) and in hints. */
#include "data/schema_defs.h"

#include <stddef.h>

#define T(k) static const sr_schema k##_t = {.kind = SR_S_##k}
T(COUNT);
T(MONEY);
T(PERCENT);
T(DATE);
T(YEAR);
T(TEXT);
T(BOOL);
T(PARTNER);
T(ID);
T(FORMAT);
#undef T

#define LIST_OF(item_schema)                                                                       \
    {                                                                                              \
        .kind = SR_S_LIST, .item = &(item_schema)                                                  \
    }

const char *const sr_section_names[] = {"finance",  "attendance", "referrals", "performance",
                                        "training", "sign_off",   NULL};

/* ---- shared pieces ------------------------------------------------------ */

static const sr_schema break_t = {
    .kind = SR_S_MAP,
    .what = "a series break",
    .fields =
        (const sr_field[]){
            {"date", &DATE_t, SR_REQUIRED | SR_IN_YEAR,
             "the date the break happened, YYYY-MM-DD, within the year"},
            {"reason", &TEXT_t, SR_REQUIRED,
             "why earlier figures cannot be compared, e.g. a new recording system"},
            {0},
        },
};
#define BREAK_FIELD                                                                                \
    {                                                                                              \
        "break", &break_t, 0,                                                                      \
            "only if the series was broken this year (new system, new definition): date and "      \
            "reason"                                                                               \
    }

/* ---- finance ------------------------------------------------------------ */

static const sr_schema income_line_t = {
    .kind = SR_S_MAP,
    .what = "an income line",
    .identity = (const char *const[]){"partner", "source", "label", NULL},
    .one_of = (const char *const[]){"partner", "source", NULL},
    .fields =
        (const sr_field[]){
            {"partner", &PARTNER_t, 0, "the partner id the money came from, for a partner"},
            {"source", &TEXT_t, 0,
             "who gave it, for a body that is not a partner (e.g. Department for Education)"},
            {"label", &TEXT_t, 0,
             "what the money was: a grant's name, or reserves when a partner gave more than one "
             "line"},
            {"amount", &MONEY_t, SR_REQUIRED, "pounds received, such as 13800 or 2664.50"},
            {0},
        },
};
static const sr_schema income_lines_t = LIST_OF(income_line_t);

static const sr_schema income_group_t = {
    .kind = SR_S_MAP,
    .what = "an income group",
    .identity = (const char *const[]){"group", NULL},
    .fields =
        (const sr_field[]){
            {"group", &TEXT_t, SR_REQUIRED, "the group's heading, such as Partner contributions"},
            {"lines", &income_lines_t, SR_REQUIRED, "the contributions in this group"},
            {"subtotal", &MONEY_t, 0, "the group's total as you have it; it is checked"},
            {0},
        },
    .sums = (const sr_sum_rule[]){{"subtotal", (const char *const[]){"lines[*].amount", NULL},
                                   "the amounts of its lines"},
                                  {0}},
};
static const sr_schema income_t = LIST_OF(income_group_t);

static const sr_schema spend_line_t = {
    .kind = SR_S_MAP,
    .what = "an expenditure line",
    .identity = (const char *const[]){"label", NULL},
    .fields =
        (const sr_field[]){
            {"label", &TEXT_t, SR_REQUIRED, "what the money was spent on"},
            {"amount", &MONEY_t, SR_REQUIRED, "pounds spent"},
            {0},
        },
};
static const sr_schema spend_lines_t = LIST_OF(spend_line_t);

static const sr_schema spend_group_t = {
    .kind = SR_S_MAP,
    .what = "an expenditure group",
    .identity = (const char *const[]){"group", NULL},
    .fields =
        (const sr_field[]){
            {"group", &TEXT_t, SR_REQUIRED, "the group's heading, such as Staffing"},
            {"lines", &spend_lines_t, SR_REQUIRED, "the spending in this group"},
            {"subtotal", &MONEY_t, 0, "the group's total as you have it; it is checked"},
            {0},
        },
    .sums = (const sr_sum_rule[]){{"subtotal", (const char *const[]){"lines[*].amount", NULL},
                                   "the amounts of its lines"},
                                  {0}},
};
static const sr_schema expenditure_t = LIST_OF(spend_group_t);

static const sr_schema finance_t = {
    .kind = SR_S_MAP,
    .what = "the finance section",
    .fields =
        (const sr_field[]){
            {"income", &income_t, 0, "contributions received, in named groups"},
            {"total_income", &MONEY_t, 0, "all income as you have it; it is checked"},
            {"expenditure", &expenditure_t, 0, "spending, in named groups"},
            {"total_expenditure", &MONEY_t, 0, "all spending as you have it; it is checked"},
            {"to_reserves", &MONEY_t, 0, "income not spent this year and put into reserves"},
            {"from_reserves", &MONEY_t, 0, "spending this year paid for from reserves"},
            {0},
        },
    .sums =
        (const sr_sum_rule[]){
            {"total_income", (const char *const[]){"income[*].lines[*].amount", NULL},
             "the amounts of all the income lines"},
            {"total_expenditure", (const char *const[]){"expenditure[*].lines[*].amount", NULL},
             "the amounts of all the expenditure lines"},
            {0},
        },
};

/* ---- attendance --------------------------------------------------------- */

static const sr_schema partner_list_t = LIST_OF(PARTNER_t);

static const sr_schema meeting_t = {
    .kind = SR_S_MAP,
    .what = "a meeting",
    .identity = (const char *const[]){"body", "date", NULL},
    .fields =
        (const sr_field[]){
            {"body", &TEXT_t, SR_REQUIRED, "the group that met, as the partnership names it"},
            {"date", &DATE_t, SR_REQUIRED | SR_IN_YEAR, "the day it met, YYYY-MM-DD"},
            {"attended", &partner_list_t, 0, "partner ids of the members who attended"},
            {"apologies", &partner_list_t, 0, "partner ids of the members who sent apologies"},
            {"absent", &partner_list_t, 0, "partner ids of the members who were absent"},
            {0},
        },
};
static const sr_schema meetings_t = LIST_OF(meeting_t);

static const sr_schema member_t = {
    .kind = SR_S_MAP,
    .what = "a member's attendance",
    .identity = (const char *const[]){"partner", "body", NULL},
    .fields =
        (const sr_field[]){
            {"partner", &PARTNER_t, SR_REQUIRED, "the member's partner id"},
            {"body", &TEXT_t, SR_REQUIRED, "the group, spelt as in the meetings list"},
            {"attended", &COUNT_t, SR_REQUIRED, "how many of the group's meetings it attended"},
            {"apologies", &COUNT_t, 0, "how many it sent apologies for"},
            {"absent", &COUNT_t, 0, "how many it missed without apologies"},
            {0},
        },
};
static const sr_schema members_t = LIST_OF(member_t);

static const sr_schema attendance_t = {
    .kind = SR_S_MAP,
    .what = "the attendance section",
    .fields =
        (const sr_field[]){
            {"meetings", &meetings_t, 0, "each meeting held in the year and who came"},
            {"members", &members_t, 0,
             "attendance counts per member, where meeting-by-meeting records are not kept"},
            {0},
        },
};

/* ---- referrals ---------------------------------------------------------- */

static const sr_schema quarters_t = {
    .kind = SR_S_MAP,
    .what = "the referrals by quarter",
    .fields =
        (const sr_field[]){
            {"q1", &COUNT_t, 0, "April to June"},
            {"q2", &COUNT_t, 0, "July to September"},
            {"q3", &COUNT_t, 0, "October to December"},
            {"q4", &COUNT_t, 0, "January to March"},
            {0},
        },
};

static const sr_schema referrals_t = {
    .kind = SR_S_MAP,
    .what = "the referrals section",
    .fields =
        (const sr_field[]){
            {"by_quarter", &quarters_t, 0, "referrals to children's social care in each quarter"},
            {"total", &COUNT_t, 0,
             "referrals in the year; may be sent alone; checked against the quarters"},
            {"repeat_within_12_months", &PERCENT_t, 0,
             "share of referrals about a child referred in the previous 12 months, such as 21.4%"},
            {"to_assessment", &PERCENT_t, 0,
             "share of referrals that went on to a social work assessment"},
            {"percentages_period", &TEXT_t, 0,
             "the period the two shares describe, if not the whole year (e.g. Quarter 4)"},
            BREAK_FIELD,
            {0},
        },
    .sums = (const sr_sum_rule[]){{"total", (const char *const[]){"by_quarter.*", NULL},
                                   "the quarters under `by_quarter`"},
                                  {0}},
};

/* ---- performance -------------------------------------------------------- */

static const sr_schema period_t = {
    .kind = SR_S_MAP,
    .what = "a period",
    .fields =
        (const sr_field[]){
            {"from", &DATE_t, SR_REQUIRED | SR_IN_YEAR, "first day covered, YYYY-MM-DD"},
            {"to", &DATE_t, SR_REQUIRED | SR_IN_YEAR, "last day covered, YYYY-MM-DD"},
            {0},
        },
    .le = (const sr_le_rule[]){{"from", "to"}, {0}},
};

static const sr_schema outcome_t = {
    .kind = SR_S_MAP,
    .what = "a contact outcome",
    .identity = (const char *const[]){"outcome", NULL},
    .fields =
        (const sr_field[]){
            {"outcome", &TEXT_t, SR_REQUIRED, "what happened after the contact"},
            {"count", &COUNT_t, SR_REQUIRED, "how many contacts had this outcome"},
            {0},
        },
};
static const sr_schema outcomes_t = LIST_OF(outcome_t);

static const sr_schema contacts_t = {
    .kind = SR_S_MAP,
    .what = "the contacts figures",
    .fields =
        (const sr_field[]){
            {"period", &period_t, 0, "only if the figures cover less than the whole year"},
            {"outcomes", &outcomes_t, 0, "contacts to the front door by outcome"},
            {"total", &COUNT_t, 0, "all contacts; may be sent alone; checked against the outcomes"},
            BREAK_FIELD,
            {0},
        },
    .sums = (const sr_sum_rule[]){{"total", (const char *const[]){"outcomes[*].count", NULL},
                                   "the counts of the outcomes"},
                                  {0}},
};

static const sr_schema early_help_t = {
    .kind = SR_S_MAP,
    .what = "the early help figures",
    .fields =
        (const sr_field[]){
            {"assessments_started", &COUNT_t, 0, "early help assessments started in the year"},
            {"open_at_year_end", &COUNT_t, 0, "early help assessments open on 31 March"},
            BREAK_FIELD,
            {0},
        },
};

static const sr_schema cin_t = {
    .kind = SR_S_MAP,
    .what = "the children in need figures",
    .fields =
        (const sr_field[]){
            {"count", &COUNT_t, 0, "children in need at any point in the year"},
            {"with_disability", &PERCENT_t, 0, "share of children in need with a disability"},
            BREAK_FIELD,
            {0},
        },
};

static const sr_schema s47_t = {
    .kind = SR_S_MAP,
    .what = "the section 47 figures",
    .fields =
        (const sr_field[]){
            {"enquiries", &COUNT_t, 0, "section 47 enquiries completed in the year"},
            {"leading_to_icpc", &COUNT_t, 0,
             "of those, how many led to an initial child protection conference"},
            BREAK_FIELD,
            {0},
        },
    .le = (const sr_le_rule[]){{"leading_to_icpc", "enquiries"}, {0}},
};

static const sr_schema categories_t = {
    .kind = SR_S_MAP,
    .what = "the plans by category of abuse",
    .fields =
        (const sr_field[]){
            {"emotional_abuse", &COUNT_t, 0, "plans under emotional abuse"},
            {"neglect", &COUNT_t, 0, "plans under neglect"},
            {"physical_abuse", &COUNT_t, 0, "plans under physical abuse"},
            {"sexual_abuse", &COUNT_t, 0, "plans under sexual abuse"},
            {"multiple", &COUNT_t, 0, "plans under more than one category"},
            {0},
        },
};

static const sr_schema cp_t = {
    .kind = SR_S_MAP,
    .what = "the child protection figures",
    .fields =
        (const sr_field[]){
            {"plans_at_year_end", &COUNT_t, 0, "children on a child protection plan on 31 March"},
            {"second_or_subsequent", &PERCENT_t, 0,
             "share of plans that were a child's second or later plan"},
            {"plans_started_by_category", &categories_t, 0,
             "plans started in the year, by category of abuse"},
            {"plans_started", &COUNT_t, 0,
             "all plans started in the year; may be sent alone; checked against the categories"},
            BREAK_FIELD,
            {0},
        },
    .sums = (const sr_sum_rule[]){{"plans_started",
                                   (const char *const[]){"plans_started_by_category.*", NULL},
                                   "the categories under `plans_started_by_category`"},
                                  {0}},
};

static const sr_schema lac_t = {
    .kind = SR_S_MAP,
    .what = "the looked-after children figures",
    .fields =
        (const sr_field[]){
            {"at_year_end", &COUNT_t, 0, "children looked after by the council on 31 March"},
            {"living_in_area", &COUNT_t, 0, "of those, living in the area"},
            {"living_out_of_area", &COUNT_t, 0, "of those, living outside the area"},
            {"placed_here_by_other_authorities", &COUNT_t, 0,
             "children looked after by other councils and living in the area"},
            BREAK_FIELD,
            {0},
        },
    .sums =
        (const sr_sum_rule[]){{"at_year_end",
                               (const char *const[]){"living_in_area", "living_out_of_area", NULL},
                               "`living_in_area` and `living_out_of_area`"},
                              {0}},
};

static const sr_schema baseline_t = {
    .kind = SR_S_MAP,
    .what = "a baseline",
    .one_of = (const char *const[]){"count", "percent", NULL},
    .fields =
        (const sr_field[]){
            {"year", &YEAR_t, SR_REQUIRED, "the earlier year compared with, such as 2017-18"},
            {"count", &COUNT_t, 0, "the figure in that year, when it is a count"},
            {"percent", &PERCENT_t, 0, "the figure in that year, when it is a percentage"},
            {0},
        },
};

static const sr_schema measure_t = {
    .kind = SR_S_MAP,
    .what = "a measure",
    .identity = (const char *const[]){"id", NULL},
    .one_of = (const char *const[]){"count", "percent", NULL},
    .fields =
        (const sr_field[]){
            {"id", &ID_t, SR_REQUIRED,
             "a short name for the measure, such as children-missing-education"},
            {"label", &TEXT_t, SR_REQUIRED, "what the measure is, in words"},
            {"count", &COUNT_t, 0, "the figure, when it is a count"},
            {"percent", &PERCENT_t, 0, "the figure, when it is a percentage"},
            {"part_of", &ID_t, 0, "the id of the measure this one is a part of"},
            {"baseline", &baseline_t, 0, "an earlier year's figure to compare with"},
            {0},
        },
};
static const sr_schema measures_t = LIST_OF(measure_t);

static const sr_schema performance_t = {
    .kind = SR_S_MAP,
    .what = "the performance section",
    .fields =
        (const sr_field[]){
            {"contacts", &contacts_t, 0, "contacts to the front door and their outcomes"},
            {"early_help", &early_help_t, 0, "early help assessments"},
            {"children_in_need", &cin_t, 0, "children in need"},
            {"section_47", &s47_t, 0, "section 47 enquiries"},
            {"child_protection", &cp_t, 0, "child protection plans"},
            {"looked_after", &lac_t, 0, "looked-after children"},
            {"measures", &measures_t, 0, "other figures the report quotes"},
            {0},
        },
};

/* ---- training ----------------------------------------------------------- */

static const sr_schema course_t = {
    .kind = SR_S_MAP,
    .what = "a course",
    .identity = (const char *const[]){"title", NULL},
    .fields =
        (const sr_field[]){
            {"title", &TEXT_t, SR_REQUIRED, "the course's name"},
            {"attendees", &COUNT_t, SR_REQUIRED, "people who attended in the year"},
            {"sessions", &COUNT_t, 0, "how many times it ran"},
            {0},
        },
};
static const sr_schema courses_t = LIST_OF(course_t);

static const sr_schema agency_line_t = {
    .kind = SR_S_MAP,
    .what = "an agency's attendees",
    .identity = (const char *const[]){"partner", "agency", NULL},
    .one_of = (const char *const[]){"partner", "agency", NULL},
    .fields =
        (const sr_field[]){
            {"partner", &PARTNER_t, 0, "the partner id, for a partner agency"},
            {"agency", &TEXT_t, 0, "the agency's name, for one that is not a partner"},
            {"attendees", &COUNT_t, SR_REQUIRED, "people from this agency who attended"},
            {0},
        },
};
static const sr_schema agency_lines_t = LIST_OF(agency_line_t);

static const sr_schema rating_t = {
    .kind = SR_S_MAP,
    .what = "a rating",
    .identity = (const char *const[]){"label", NULL},
    .fields =
        (const sr_field[]){
            {"label", &TEXT_t, SR_REQUIRED, "the answer, such as Excellent"},
            {"score", &COUNT_t, 0, "its score on the form, if it had one"},
            {"count", &COUNT_t, SR_REQUIRED, "how many gave this answer"},
            {0},
        },
};
static const sr_schema ratings_t = LIST_OF(rating_t);

static const sr_schema evaluation_t = {
    .kind = SR_S_MAP,
    .what = "an evaluation",
    .identity = (const char *const[]){"title", NULL},
    .fields =
        (const sr_field[]){
            {"title", &TEXT_t, SR_REQUIRED, "which courses the evaluation covers"},
            {"question", &TEXT_t, 0, "the question asked"},
            {"ratings", &ratings_t, SR_REQUIRED, "the answers and how many gave each"},
            {"total", &COUNT_t, 0, "all answers; checked against the ratings"},
            {0},
        },
    .sums = (const sr_sum_rule[]){{"total", (const char *const[]){"ratings[*].count", NULL},
                                   "the counts of the ratings"},
                                  {0}},
};
static const sr_schema evaluations_t = LIST_OF(evaluation_t);

static const sr_schema training_t = {
    .kind = SR_S_MAP,
    .what = "the training section",
    .fields =
        (const sr_field[]){
            {"courses", &courses_t, 0, "multi-agency courses and their attendees"},
            {"courses_total", &COUNT_t, 0, "attendees of all courses; may be sent alone; checked"},
            {"by_agency", &agency_lines_t, 0, "the same attendees counted by agency"},
            {"by_agency_total", &COUNT_t, 0, "attendees of all agencies; checked"},
            {"other_courses", &courses_t, 0,
             "courses counted apart from the totals above (say why in the report)"},
            {"evaluations_returned", &COUNT_t, 0, "evaluation forms returned"},
            {"evaluations", &evaluations_t, 0, "what attendees said, as tallies"},
            {0},
        },
    .sums =
        (const sr_sum_rule[]){
            {"courses_total", (const char *const[]){"courses[*].attendees", NULL},
             "the attendees of the courses"},
            {"by_agency_total", (const char *const[]){"by_agency[*].attendees", NULL},
             "the attendees of the agencies"},
            {0},
        },
};

/* ---- sign-off ----------------------------------------------------------- */

/* Who signed off, and when: the report after the year, the budget often
 * before it, so neither date is held to the reporting year. */
static const sr_schema signed_by_t = LIST_OF(PARTNER_t);
static const sr_schema signed_t = {
    .kind = SR_S_MAP,
    .what = "a sign-off",
    .fields =
        (const sr_field[]){
            {"date", &DATE_t, SR_REQUIRED, "the day it was signed off, YYYY-MM-DD"},
            {"by", &signed_by_t, SR_REQUIRED | SR_NONEMPTY,
             "partner ids of those who signed it off"},
            {0},
        },
};

static const sr_schema sign_off_t = {
    .kind = SR_S_MAP,
    .what = "the sign-off record",
    .fields =
        (const sr_field[]){
            {"report", &signed_t, 0, "the lead safeguarding partners' sign-off of this report"},
            {"budget", &signed_t, 0, "the sign-off of this year's budget"},
            {0},
        },
};

/* ---- a submission ------------------------------------------------------- */

const sr_schema sr_submission_schema = {
    .kind = SR_S_MAP,
    .what = "a submission",
    .fields =
        (const sr_field[]){
            {"format", &FORMAT_t, SR_REQUIRED | SR_META, "the version of this format; write 1"},
            {"partner", &PARTNER_t, SR_REQUIRED | SR_META,
             "who is sending this file: your partner id from partnership.yaml"},
            {"year", &YEAR_t, SR_REQUIRED | SR_META, "the reporting year, such as 2019-20"},
            {"contact", &TEXT_t, SR_META, "who to ask about these figures"},
            {"finance", &finance_t, 0, "the partnership's income and expenditure"},
            {"attendance", &attendance_t, 0, "attendance at partnership meetings"},
            {"referrals", &referrals_t, 0, "referrals to children's social care"},
            {"performance", &performance_t, 0, "other children's social care figures"},
            {"training", &training_t, 0, "multi-agency training"},
            {"sign_off", &sign_off_t, SR_ASKED,
             "who signed off the report and the budget, and when (the business unit's)"},
            {0},
        },
};

/* ---- the partnership ---------------------------------------------------- */

static const sr_schema names_t = {.kind = SR_S_DICT, .dict_key = SR_S_YEAR, .item = &TEXT_t};

static const sr_schema section_enum_t = {
    .kind = SR_S_ENUM,
    .values = (const char *const[]){"finance", "attendance", "referrals", "performance", "training",
                                    "sign_off", NULL},
};
static const sr_schema sections_t = LIST_OF(section_enum_t);

static const sr_schema partner_t = {
    .kind = SR_S_MAP,
    .what = "a partner",
    .identity = (const char *const[]){"id", NULL},
    .one_of = (const char *const[]){"name", "names", NULL},
    .at_most_one = (const char *const[]){"short_name", "short_names", NULL},
    .fields =
        (const sr_field[]){
            {"id", &ID_t, SR_REQUIRED, "a short id that never changes, such as police"},
            {"name", &TEXT_t, 0, "the organisation's name"},
            {"names", &names_t, 0,
             "names by the year they took effect, for an organisation that was renamed"},
            {"short_name", &TEXT_t, 0, "an abbreviation for tables and charts"},
            {"short_names", &names_t, 0,
             "abbreviations by the year they took effect, for an organisation that was renamed"},
            {"statutory", &BOOL_t, 0, "yes for the three statutory safeguarding partners"},
            {"submits", &sections_t, 0, "the sections this partner sends, for its template"},
            {0},
        },
};
static const sr_schema partners_t = LIST_OF(partner_t);

static const sr_schema population_years_t = {
    .kind = SR_S_DICT, .dict_key = SR_S_YEAR, .item = &COUNT_t};

static const sr_schema population_t = {
    .kind = SR_S_MAP,
    .what = "the population",
    .fields =
        (const sr_field[]){
            {"children_0_17", &population_years_t, SR_REQUIRED,
             "children aged 0 to 17 in each reporting year, for rates per 10,000"},
            {"source", &TEXT_t, 0, "where the estimates come from"},
            {0},
        },
};

static const sr_schema options_t = {
    .kind = SR_S_MAP,
    .what = "the options",
    .fields =
        (const sr_field[]){
            {"disclosure_control", &BOOL_t, 0, "yes to hide small counts as [c]; default no"},
            {"suppression_threshold", &COUNT_t, 0, "largest count hidden; default 5"},
            {0},
        },
};

static const sr_schema guidance_years_t = {.kind = SR_S_DICT, .dict_key = SR_S_YEAR, .item = &ID_t};
static const sr_schema guidance_t = {.kind = SR_S_ID, .or_map = &guidance_years_t};

static const sr_schema about_t = {
    .kind = SR_S_MAP,
    .what = "the partnership",
    .fields =
        (const sr_field[]){
            {"name", &TEXT_t, SR_REQUIRED, "the partnership's full name"},
            {"short_name", &TEXT_t, SR_REQUIRED, "its abbreviation, such as ESCP"},
            {"area", &TEXT_t, SR_REQUIRED, "the local authority area it covers"},
            {"email", &TEXT_t, 0, "the business unit's address"},
            {"file_name", &TEXT_t, 0,
             "the start of the report's file names, such as example-scp (default: the short "
             "name in lower case)"},
            {"guidance", &guidance_t, 0,
             "the statutory guidance edition to report under (an edition id, or `YEAR: id` lines "
             "each applying from that year on); default: the edition in force for the year"},
            {0},
        },
};

static const sr_schema recipient_t = {
    .kind = SR_S_MAP,
    .what = "a recipient",
    .identity = (const char *const[]){"id", NULL},
    .fields =
        (const sr_field[]){
            {"id", &ID_t, SR_REQUIRED,
             "a short id, used with publish --sent: the edition's id to correct its entry"},
            {"name", &TEXT_t, 0, "the organisation's name (needed for one the edition lacks)"},
            {"email", &TEXT_t, 0, "the address the report is sent to"},
            {0},
        },
};
static const sr_schema recipients_t = LIST_OF(recipient_t);

/* Working Together 2023's lead safeguarding partners: the partner, the role
 * of its lead (a chief executive, the chief constable) and of the delegated
 * safeguarding partner who acts for it. */
static const sr_schema lead_partner_t = {
    .kind = SR_S_MAP,
    .what = "a lead safeguarding partner",
    .identity = (const char *const[]){"partner", NULL},
    .fields =
        (const sr_field[]){
            {"partner", &ID_t, SR_REQUIRED, "the partner id, from `partners`"},
            {"lead", &TEXT_t, SR_REQUIRED,
             "the lead's role, such as Chief Executive of the council"},
            {"lead_name", &TEXT_t, 0, "the lead's name, if the report gives it"},
            {"delegate", &TEXT_t, SR_REQUIRED,
             "the delegated safeguarding partner's role, such as Director of Children's "
             "Services"},
            {"delegate_name", &TEXT_t, 0, "the delegated partner's name, if the report gives it"},
            {0},
        },
};
static const sr_schema lead_partners_t = LIST_OF(lead_partner_t);

/* Benchmarks: the local authority codes of the area and of its statistical
 * neighbours, for comparisons with the DfE's published figures (their
 * form, and `as_of` with `codes`, are checked in partnership.c). */
static const sr_schema codes_t = LIST_OF(TEXT_t);
static const sr_schema neighbours_t = {
    .kind = SR_S_MAP,
    .what = "the statistical neighbours",
    .fields =
        (const sr_field[]){
            {"as_of", &TEXT_t, 0, "the list's date, YYYY-MM, such as 2025-05 (needed with codes)"},
            {"source", &TEXT_t, 0,
             "where the list comes from, such as DfE local authority interactive tool"},
            {"codes", &codes_t, 0, "the neighbours' local authority codes (new_la_code)"},
            {0},
        },
};
static const sr_schema benchmarks_t = {
    .kind = SR_S_MAP,
    .what = "the benchmarks",
    .fields =
        (const sr_field[]){
            {"local_authorities", &codes_t, SR_REQUIRED,
             "the local authority code(s) of the area (new_la_code), such as E08000007"},
            {"region", &TEXT_t, 0,
             "the area's region code (region_code), such as E12000002; without it, the "
             "region of the area's rows in the files"},
            {"statistical_neighbours", &neighbours_t, 0,
             "the local authorities the area is compared with, from the DfE's list"},
            {0},
        },
};

const sr_schema sr_partnership_schema = {
    .kind = SR_S_MAP,
    .what = "partnership.yaml",
    .fields =
        (const sr_field[]){
            {"format", &FORMAT_t, SR_REQUIRED, "the version of this format; write 1"},
            {"partnership", &about_t, SR_REQUIRED, "who the partnership is"},
            {"partners", &partners_t, SR_REQUIRED, "the organisations that take part"},
            {"lead_partners", &lead_partners_t, 0,
             "the lead safeguarding partners and their delegates, for an edition of the guidance "
             "that asks for them"},
            {"population", &population_t, 0, "the child population, for rates"},
            {"options", &options_t, 0, "reporting options"},
            {"recipients", &recipients_t, 0,
             "additions to, or corrections of, the recipients the guidance edition names, read "
             "when a year is published"},
            {"benchmarks", &benchmarks_t, 0,
             "the area's local authority and its statistical neighbours, for comparisons with "
             "the DfE's figures in benchmarks/"},
            {0},
        },
};

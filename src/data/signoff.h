/* signoff: the year's sign-off record, from the `sign_off` section of a
 * submission (the business unit's file).
 *
 * Owns: reading who signed off the report and the budget, and when, from a
 * year's figures; the check, for a guidance edition that asks for sign-off
 * (Working Together 2023), that partnership.yaml names the lead
 * safeguarding partners (`lead_partners`) and that every one of them signed
 * off the report; and the sentence the report prints about it. The dates
 * are not held to the reporting year: the report is signed off after the
 * year ends (sr_year_check holds it to that, and to not after today), the
 * budget often before it begins.
 */
#ifndef SR_SIGNOFF_H
#define SR_SIGNOFF_H

#include "core/arena.h"
#include "core/diag.h"
#include "data/guidance.h"
#include "data/loader.h"
#include "data/partnership.h"

#include <stdbool.h>
#include <stdint.h>

typedef struct {
    bool given;      /* the year's files have this sign-off */
    int32_t date;    /* yyyymmdd; 0 when the date is not valid */
    const char **by; /* partner ids, in the order given */
    size_t nby;
    sr_loc loc;    /* where its date was given */
    sr_loc by_loc; /* where its first signatory was given (loc when none) */
} sr_signed;

typedef struct {
    sr_signed report, budget;
} sr_sign_off;

/* Reads the sign-off record from y's figures (all zero when there is none).
 * The ids point into y's figures; the list is in a. */
void sr_sign_off_read(sr_arena *a, const sr_year *y, sr_sign_off *out);

/* The sign-off the guidance edition g asks for. With g->needs_sign_off
 * (Working Together 2023): partnership.yaml must name the lead safeguarding
 * partners, the report's sign-off must be recorded, and every lead
 * safeguarding partner must be among those who signed it. Problems go to d,
 * as warnings in a draft and errors when final. With g NULL, or an edition
 * that does not ask for sign-off, nothing is asked. Returns how many
 * problems were found. */
size_t sr_sign_off_check(sr_diags *d, const sr_partnership *p, const sr_year *y,
                         const sr_guidance *g, bool final);

/* Whether the partner id is among those who signed s. */
bool sr_sign_off_signed_by(const sr_signed *s, const char *id);

/* Whether s is given and every lead safeguarding partner p names signed it
 * (false when p names none). */
bool sr_sign_off_complete(const sr_partnership *p, const sr_signed *s);

/* Whether the signatories of s are the lead safeguarding partners: every
 * lead partner signed, and no one else did (false when p names none). */
bool sr_sign_off_by_lead_partners(const sr_partnership *p, const sr_signed *s);

/* The report's words, or NULL when the year has no sign-off record:
 * "The lead safeguarding partners signed off this report on 12 September
 * 2025: A, B and C. The budget for 2024-25 was signed off on 28 March 2024
 * by A, B and C." Signatories are called the lead safeguarding partners
 * only when they are exactly those (sr_sign_off_by_lead_partners);
 * otherwise "This report was signed off on 12 September 2025 by A and
 * D.". Each signatory is named as it was called in the reporting year the
 * sign-off fell in. In a. */
const char *sr_sign_off_words(sr_arena *a, const sr_partnership *p, const sr_sign_off *s, int year);

/* The reporting year a date falls in (its first calendar year): 12 September
 * 2025 -> 2025, that is 2025-26. */
int sr_reporting_year_of(int32_t ymd);

/* "A", "A and B", "A, B and C" for the partners ids names in `year`, in a. */
const char *sr_partner_list_words(sr_arena *a, const sr_partnership *p, const char *const *ids,
                                  size_t n, int year);

#endif

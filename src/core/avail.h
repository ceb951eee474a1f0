/* avail: whether a figure was given, the one vocabulary every layer shares
 * (the statistics' shorthand: [x] not available, [z] not applicable). */
#ifndef SR_AVAIL_H
#define SR_AVAIL_H

typedef enum {
    SR_AVAILABLE = 0,
    SR_NOT_AVAILABLE,  /* written `not available` or `[x]` */
    SR_NOT_APPLICABLE, /* written `[z]` */
    SR_INVALID,        /* given, but wrong (already reported): no sum may use it */
} sr_avail;

#endif

/* One C call per DPU instruction: dpucc provides __builtin_<form_id>(...) for every row of the
 * instruction table (isa/forms.tsv), e.g. __builtin_cmpb4_rrr(rc, ra, rb) or
 * __builtin_cao_rr(rc, ra).  Register operands are expressions, the destination an lvalue,
 * immediates and conditions constants.  They need no declaration; this header exists so that
 * programs written for the SDK, which include it, compile unchanged. */
#ifndef _DPU_BUILT_INS_H
#define _DPU_BUILT_INS_H
#endif

/* Arrays of strings: a 2-D char array versus an array of pointers (sizes differ: only the
 * former's is OUT), strings with escapes and adjacent-literal concatenation, string tables
 * indexed by enum values, and comparing characters across entries. */
#include "check.h"
enum day { MON, TUE, WED, THU, FRI, NDAYS };
static const char names[NDAYS][10] = { "Monday", "Tuesday", "Wednes" "day", "Thursday", "Friday" };
static const char *const abbr[NDAYS] = { "Mo", "Tu", "We", "Th", "Fr" };
static const char esc[] = "tab\there\nnl\\bs\"q\x41\101\0end";
int main(void)
{
    OUT(sizeof names); OUT(sizeof names[0]);
    for (int d = MON; d < NDAYS; d++) { int n = 0; while (names[d][n]) n++; OUT(n); OUT(names[d][0] == abbr[d][0]); OUT(abbr[d][1]); }
    OUT(names[WED][6]); OUT(names[FRI][9]);
    OUT(sizeof esc); for (unsigned i = 0; i < sizeof esc; i++) OUT(esc[i]);
    const char *cat = "abc" "def" "" "g"; int n = 0; while (cat[n]) n++; OUT(n); OUT(sizeof("abc" "def"));
    return 0;
}

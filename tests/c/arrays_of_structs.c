#include "check.h"
struct rec { char name[6]; unsigned char age; int score; };
static struct rec people[] = { {"ann", 31, 90}, {"bob", 25, 72}, {"cy", 40, 88}, {"dee", 19, 95} };
#define N (sizeof people / sizeof people[0])
int main(void)
{
    OUT(N);
    for (unsigned i = 0; i < N; i++)
        for (unsigned j = i + 1; j < N; j++)
            if (people[j].score > people[i].score) { struct rec t = people[i]; people[i] = people[j]; people[j] = t; }
    for (unsigned i = 0; i < N; i++) { OUT(people[i].name[0]); OUT(people[i].age); OUT(people[i].score); }
    struct rec *p = people; int tot = 0;
    for (; p < people + N; p++) tot += p->age;
    OUT(tot);
    struct rec loc[2] = { [1] = { .age = 3 } };
    OUT(loc[1].age + loc[0].score + loc[1].name[0]);
    return 0;
}

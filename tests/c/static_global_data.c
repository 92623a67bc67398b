#include "check.h"
int counter = 3;
int *pcounter = &counter;
static long long bigs[3] = {1LL << 40, -1, 0x123456789LL};
long long *pbig = &bigs[2];
const char *strs[] = {"zero", "one", "two"};
char text[] = "global";
char *ptext = text + 3;
struct node { int v; const struct node *next; };
static const struct node n2 = {2, 0}, n1 = {1, &n2};
static const struct node *head = &n1;
struct nested { struct { short a[2]; char s[4]; } part[2]; int tail; };
static struct nested nst = { { { {1, 2}, "ab" }, { {3, 4}, "cd" } }, 99 };
static int zeroed[16];
int main(void)
{
    OUT(*pcounter); *pcounter = 8; OUT(counter);
    OUT64(*pbig); OUT64(pbig[-2]); OUT(pbig - bigs);
    OUT(strs[1][1]); OUT(strs[2][2]); OUT(*ptext); OUT(ptext[2]);
    int s = 0; for (const struct node *p = head; p; p = p->next) s += p->v; OUT(s);
    OUT(nst.part[1].a[0]); OUT(nst.part[1].s[1]); OUT(nst.part[0].s[2]); OUT(nst.tail);
    int z = 0; for (int i = 0; i < 16; i++) z |= zeroed[i]; OUT(z);
    OUT(sizeof text);
    return 0;
}

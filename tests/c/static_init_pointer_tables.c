/* Initialised static and global data holding addresses: pointers to globals, into the middle
 * of arrays and struct members, pointer arithmetic in the initialiser, arrays of strings, a
 * struct of pointers to other static structs forming a linked list, and pointers to pointers. */
#include "check.h"
static int vals[8] = { 1, 2, 3, 4, 5, 6, 7, 8 };
static int *mid = &vals[3];
static int *past = vals + 6;
static const char *names[] = { "zero", "one", "two", "three" };
static const char *const *pn = &names[2];
struct node { int v; const struct node *next; };
static const struct node n3 = { 3, 0 }, n2 = { 2, &n3 }, n1 = { 1, &n2 };
static const struct node *head = &n1;
struct pair { int a, b; };
static struct pair pr = { 10, 20 };
static int *pb = &pr.b;
static int **ppb = &pb;
static char msg[] = "message";
static char *tail = msg + 4;
static int (*row)[4] = (int (*)[4])vals + 1;
int main(void)
{
    OUT(*mid); OUT(mid[2]); OUT(past[-1]); OUT(past - mid);
    OUT(names[1][1]); OUT((*pn)[1]); OUT(pn[1][3]);
    int s = 0; for (const struct node *p = head; p; p = p->next) s = s * 10 + p->v; OUT(s);
    OUT(**ppb); **ppb = 25; OUT(pr.b); OUT(*tail); tail[0] = 'X'; OUT(msg[4]);
    OUT((*row)[0]); OUT(row[0][3]); *mid = 40; OUT(vals[3]);
    return 0;
}

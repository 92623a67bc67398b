#include "check.h"
struct a { char c; int i; };
struct b { char c; short s; char d; };
struct c { long long ll; char c; };
struct d { char c[3]; };
struct e { struct b b; char x; struct a a; };
struct f { short s[3]; char c; int arr[2][3]; };
union u { char c[5]; int i; short s; };
static int garr[7][3];
static char gstr[] = "hello";
static struct f fs[4];
static int sum_sizes(int p[10]) { (void)p; return (int)sizeof(int[10]); }
int main(void)
{
    OUT(sizeof(struct a)); OUT(sizeof(struct b)); OUT(sizeof(struct c)); OUT(sizeof(struct d));
    OUT(sizeof(struct e)); OUT(sizeof(struct f)); OUT(sizeof(union u));
    OUT(sizeof garr); OUT(sizeof garr[0]); OUT(sizeof garr[0][0]); OUT(sizeof garr / sizeof garr[0]);
    OUT(sizeof gstr); OUT(sizeof "abc"); OUT(sizeof fs); OUT(sizeof fs[0].arr); OUT(sizeof fs[0].arr[1]);
    short sa[11]; OUT(sizeof sa); OUT(sizeof(sa) / sizeof(sa[0]));
    int n = 5; OUT(sizeof(char[3][4])); OUT(sizeof n); OUT(sizeof(n + 1LL)); OUT(sizeof((char)n)); OUT(sizeof('a'));
    OUT(sum_sizes(0));
    long long lla[3]; OUT(sizeof lla);
    struct e ea[2]; OUT(sizeof ea); OUT((char *)&ea[1] - (char *)&ea[0]);
    OUT(__builtin_offsetof(struct e, a)); OUT(__builtin_offsetof(struct f, arr)); OUT(__builtin_offsetof(struct c, c));
    OUT(_Alignof(struct c)); OUT(_Alignof(struct b)); OUT(_Alignof(union u));
    return 0;
}

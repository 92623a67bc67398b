#include "check.h"
struct fam { int n; short data[]; };
static union { struct fam f; char raw[64]; } buf;
struct hdr { char k; long long v[]; };
static long long store[8];
static int sum(const struct fam *f) { int s = 0; for (int i = 0; i < f->n; i++) s += f->data[i]; return s; }
int main(void)
{
    buf.f.n = 10;
    for (int i = 0; i < 10; i++) buf.f.data[i] = (short)(i * 1000 - 3000);
    OUT(sum(&buf.f)); OUT(sizeof(struct fam)); OUT(sizeof(struct hdr));
    struct hdr *h = (struct hdr *)store; h->k = 3;
    for (int i = 0; i < 3; i++) h->v[i] = (long long)i << 33;
    OUT64(h->v[2]); OUT64(store[3]);
    OUT((char *)&h->v[1] - (char *)h);
    return 0;
}

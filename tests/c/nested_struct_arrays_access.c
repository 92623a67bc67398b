#include "check.h"
struct cell { unsigned char r, g, b; };
struct row { int n; struct cell c[4]; };
struct image { char name[5]; struct row rows[3]; short tail; };
static void fill(struct image *im)
{
    for (int i = 0; i < 3; i++) { im->rows[i].n = i + 1; for (int j = 0; j < 4; j++) im->rows[i].c[j] = (struct cell){(unsigned char)(i * 50 + j), (unsigned char)(j * 60), (unsigned char)(255 - i - j)}; }
    im->tail = -9;
}
static unsigned checksum(struct image im)
{
    unsigned s = 0;
    for (int i = 0; i < 3; i++) for (int j = 0; j < 4; j++) { struct cell c = im.rows[i].c[j]; s = s * 31 + c.r + c.g * 7 + c.b * 13 + im.rows[i].n; }
    return s + im.tail;
}
int main(void)
{
    struct image im = {"img"};
    fill(&im);
    OUT(checksum(im)); OUT(sizeof(struct cell)); OUT(sizeof(struct row)); OUT(sizeof(struct image));
    struct row *r = &im.rows[1]; struct cell *c = &r->c[2]; OUT(c->g); OUT(c[1].b); OUT((&im.rows[2])->c[3].r);
    struct image copy = im; copy.rows[0].c[0].r = 200; OUT(im.rows[0].c[0].r); OUT(copy.rows[0].c[0].r);
    OUT(im.name[2]); OUT(im.tail);
    return 0;
}

#include "check.h"
#define R 12
#define C 16
static char grid[R][C + 1] = {
    "################", "#....#.....#...#", "#.##.#.###.#.#.#", "#.#..#...#...#.#", "#.#.####.#####.#", "#.#......#.....#",
    "#.######.#.###.#", "#......#...#...#", "####.#.#####.###", "#....#.....#...#", "#.##...###...#.#", "################"};
static int fill(int r0, int c0, char mark) {
    int stack[R * C][2], sp = 0, n = 0;
    stack[sp][0] = r0; stack[sp][1] = c0; sp++;
    while (sp) {
        sp--; int r = stack[sp][0], c = stack[sp][1];
        if (r < 0 || r >= R || c < 0 || c >= C || grid[r][c] != '.') continue;
        grid[r][c] = mark; n++;
        static const signed char d[4][2] = {{1, 0}, {-1, 0}, {0, 1}, {0, -1}};
        for (int k = 0; k < 4; k++) { stack[sp][0] = r + d[k][0]; stack[sp][1] = c + d[k][1]; sp++; }
    }
    return n;
}
static int bfs(int sr, int sc, int tr, int tc) {
    static short dist[R][C]; int q[R * C], h = 0, t = 0;
    for (int r = 0; r < R; r++) for (int c = 0; c < C; c++) dist[r][c] = -1;
    dist[sr][sc] = 0; q[t++] = sr * C + sc;
    while (h < t) {
        int r = q[h] / C, c = q[h] % C; h++;
        int nr[4] = {r + 1, r - 1, r, r}, nc[4] = {c, c, c + 1, c - 1};
        for (int k = 0; k < 4; k++) if (grid[nr[k]][nc[k]] != '#' && dist[nr[k]][nc[k]] < 0) { dist[nr[k]][nc[k]] = (short)(dist[r][c] + 1); q[t++] = nr[k] * C + nc[k]; }
    }
    return dist[tr][tc];
}
int main(void)
{
    OUT(bfs(1, 1, 10, 14)); OUT(bfs(1, 1, 9, 1)); OUT(bfs(3, 14, 1, 12));
    int regions = 0; char mark = 'a'; unsigned sizes = 0;
    for (int r = 0; r < R; r++) for (int c = 0; c < C; c++) if (grid[r][c] == '.') { int n = fill(r, c, mark++); regions++; sizes = sizes * 131 + (unsigned)n; OUT(n); }
    OUT(regions); OUT(sizes);
    unsigned h = 0; for (int r = 0; r < R; r++) for (int c = 0; c < C; c++) h = h * 7 + (unsigned char)grid[r][c]; OUT(h);
    return 0;
}

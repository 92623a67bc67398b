"""Sizes, alignments and constant addresses under the DPU data layout (dpucc.target.DATA_LAYOUT)."""

from __future__ import annotations


class LayoutError(Exception):
    pass


class Layout:
    def __init__(self, types: dict):
        self.types = types

    def resolve(self, ty):
        seen = 0
        while isinstance(ty, tuple) and ty[0] == "named":
            ty = self.types.get(ty[1])
            seen += 1
            if ty is None or seen > 100:
                raise LayoutError("unknown named type")
        return ty

    def size_align(self, ty) -> tuple[int, int]:
        ty = self.resolve(ty)
        if isinstance(ty, str):
            if ty in ("i1", "i8"):
                return 1, 1
            if ty == "i16" or ty == "half":
                return 2, 2
            if ty in ("i32", "ptr", "float"):
                return 4, 4
            if ty in ("i64", "double"):
                return 8, 8
            if ty.startswith("i"):
                bits = int(ty[1:])
                size = (bits + 7) // 8
                size = 1 << (size - 1).bit_length()
                return size, min(size, 8)
            raise LayoutError(f"type {ty} has no size")
        kind = ty[0]
        if kind == "array":
            s, a = self.size_align(ty[2])
            return ty[1] * s, a
        if kind == "vector":
            s, a = self.size_align(ty[2])
            total = ty[1] * s
            return total, min(1 << (total - 1).bit_length(), 8) if total else 1
        if kind == "struct":
            _, size, align = self.struct_layout(ty)
            return size, align
        raise LayoutError(f"type {ty} has no size")

    def size(self, ty) -> int:
        return self.size_align(ty)[0]

    def struct_layout(self, ty):
        ty = self.resolve(ty)
        _, elts, packed = ty
        off = 0
        align = 1
        offs = []
        for e in elts:
            s, a = self.size_align(e)
            if packed:
                a = 1
            off = (off + a - 1) // a * a
            offs.append(off)
            off += s
            align = max(align, a)
        size = (off + align - 1) // align * align
        return offs, size, align

    def gep_steps(self, src, indices):
        """Yield (scale, index) for variable indices and accumulate constant offsets.

        ``indices`` is a list of operands; returns (const_offset, [(scale, operand)]).
        """
        const = 0
        var = []
        ty = src
        for k, idx in enumerate(indices):
            if k == 0:
                scale = self.size(ty)
            else:
                rt = self.resolve(ty)
                if isinstance(rt, tuple) and rt[0] == "struct":
                    if idx[0] != "int":
                        raise LayoutError("variable struct index")
                    offs, _, _ = self.struct_layout(rt)
                    const += offs[idx[1]]
                    ty = rt[1][idx[1]]
                    continue
                if isinstance(rt, tuple) and rt[0] in ("array", "vector"):
                    ty = rt[2]
                    scale = self.size(ty)
                else:
                    raise LayoutError(f"cannot index into {rt}")
            if idx[0] == "int":
                const += idx[1] * scale
            elif idx[0] in ("zero", "null"):
                pass
            else:
                var.append((scale, idx, k))
        return const, var

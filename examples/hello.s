// The example program of ISA.md: sums the bytes of a string into r0.
.text
.globl __bootstrap
__bootstrap:
        move r0, 0                     // checksum
        move r1, hello                 // string pointer
loop:   lbu  r2, r1, 0
        jz   r2, done
        add  r0, r0, r2
        add  r1, r1, 1, true, loop
done:   stop
.data
hello:  .string "hello world"

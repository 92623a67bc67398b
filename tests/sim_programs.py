"""Assembly programs both engines' tests run (bodies after `__bootstrap:`)."""

# Tasklet 0 boots 1..3; the workers count under an `acquire` spin lock; tasklet 1 parks with
# `stop true, park` until tasklet 0 resumes it.
SPIN_LOCK_PROGRAM = """
        jnz id, worker
        boot zero, 1
        boot zero, 2
        boot zero, 3
    wait:
        lw r0, zero, done
        jneq r0, 3, wait
        resume zero, 1            // tasklet 1 stopped at `park`; wake it
    1:  lw r0, zero, done
        jneq r0, 4, 1b
        stop
    worker:
        acquire zero, 7, nz, .
        lw r1, zero, counter
        add r1, r1, 1
        sw zero, counter, r1
        lw r2, zero, done
        add r2, r2, 1
        sw zero, done, r2
        release zero, 7, nz, 2f
    2:  jneq id, 1, 3f
        stop true, park
    park:
        lw r2, zero, done
        add r2, r2, 1
        sw zero, done, r2
    3:  stop
        .data
        .p2align 2
    counter: .long 0
    done: .long 0
    """

// The end-to-end scenario, driven by Microsoft's DAP test client
// (@vscode/debugadapter-testsupport's DebugClient), against a running dpuservice:
// launch the character counter, stop at a breakpoint on a source line, list the tasklets,
// get a stack trace, step, read a variable, continue to the end, receive the program's
// output and the terminated event.  tests/test_dpuservice_e2e.py installs the client, runs
// this script and checks what it prints: one JSON object per line, {"step": …, …}.
//
//   node dap_e2e.js PORT PROGRAM SOURCE LINE DOCUMENT CHAR
'use strict';
const fs = require('fs');
const { DebugClient } = require('@vscode/debugadapter-testsupport');

const [port, program, source, line, documentPath, char] = process.argv.slice(2);
const documentBytes = fs.readFileSync(documentPath);

function say(step, data) {
    console.log(JSON.stringify(Object.assign({ step }, data || {})));
}

async function main() {
    const dc = new DebugClient('node', 'unused', 'dpu');
    await dc.start(Number(port));
    const output = [];
    dc.on('output', (e) => { if (e.body.category === 'stdout') output.push(e.body.output); });
    const terminated = dc.waitForEvent('terminated');
    const exited = dc.waitForEvent('exited');

    // initialize, launch, the breakpoint set when 'initialized' comes, configurationDone, and
    // the stop at the breakpoint's line, checked by the library itself.
    const launchArgs = {
        program,
        stopOnEntry: false,
        inputs: [
            { address: '0x08000000', data: documentBytes.toString('base64') },
            { symbol: '__sys_mbox', words: [documentBytes.length, char.charCodeAt(0)] },
        ],
    };
    const [, , stopped] = await dc.hitBreakpoint(launchArgs,
        { path: source, line: Number(line) });
    const stoppedFrame = stopped.body.stackFrames[0];
    say('breakpoint', { name: stoppedFrame.name, line: stoppedFrame.line,
                        path: stoppedFrame.source.path });

    const threads = (await dc.threadsRequest()).body.threads;
    say('threads', { names: threads.map((t) => t.name), ids: threads.map((t) => t.id) });

    // The thread that stopped: the one whose top frame is at the breakpoint.
    let threadId = null;
    for (const t of threads) {
        const st = await dc.stackTraceRequest({ threadId: t.id });
        const f = st.body.stackFrames[0];
        if (f && f.source && f.line === Number(line)) { threadId = t.id; break; }
    }
    const trace = await dc.stackTraceRequest({ threadId });
    say('stackTrace', { threadId, frames: trace.body.stackFrames.map((f) => ({
        name: f.name, line: f.line, path: f.source ? f.source.path : null })) });

    // Step over the line: the thread stops on the next line of the same function.
    const stepped = dc.waitForEvent('stopped');
    await dc.nextRequest({ threadId });
    const stepEvent = await stepped;
    const afterStep = await dc.stackTraceRequest({ threadId: stepEvent.body.threadId });
    say('next', { reason: stepEvent.body.reason, threadId: stepEvent.body.threadId,
                  name: afterStep.body.stackFrames[0].name,
                  line: afterStep.body.stackFrames[0].line });

    // Read variables: the scopes of the top frame, the host's request in the system mailbox.
    const frameId = afterStep.body.stackFrames[0].id;
    const scopes = (await dc.scopesRequest({ frameId })).body.scopes;
    const globals = scopes.find((s) => s.name === 'Globals');
    const registers = scopes.find((s) => s.name === 'Registers');
    const vars = (await dc.variablesRequest({
        variablesReference: globals.variablesReference })).body.variables;
    const mbox = vars.find((v) => v.name === '__sys_mbox');
    const regs = (await dc.variablesRequest({
        variablesReference: registers.variablesReference })).body.variables;
    const length = await dc.evaluateRequest({ expression: '__sys_mbox[0]', frameId,
                                              context: 'watch' });
    say('variables', { scopes: scopes.map((s) => s.name), mbox: mbox && mbox.value,
                       registers: regs.map((r) => r.name),
                       length: length.body.result });

    // No breakpoints any more, continue to the end.
    await dc.setBreakpointsRequest({ source: { path: source }, breakpoints: [] });
    await dc.continueRequest({ threadId });
    const exit = await exited;
    await terminated;
    say('end', { exitCode: exit.body.exitCode, output: output.join('') });
    await dc.stop();
}

const timer = setTimeout(() => { say('timeout'); process.exit(3); }, 120000);
main().then(() => { clearTimeout(timer); process.exit(0); }, (err) => {
    say('error', { message: String(err && err.stack || err) });
    process.exit(2);
});

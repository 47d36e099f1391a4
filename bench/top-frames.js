// Top frames of a speedscope profile (as written by `dotnet-trace convert --format speedscope`): time per frame,
// exclusive (the frame on top of the stack) and inclusive (the frame anywhere on the stack), summed over all threads.
// Stacks whose top frame is a wait (a thread parked in the pool, a socket wait, a monitor) are counted apart, so the
// figures are the time threads spent running. Usage: node top-frames.js file.speedscope.json [N=40] [filter-regex]
"use strict";
const fs = require("node:fs");
const [file, nArg, filter] = process.argv.slice(2);
const n = Number(nArg ?? 40);
const doc = JSON.parse(fs.readFileSync(file, "utf8"));
const frames = doc.shared.frames.map((f) => f.name);
// dotnet-trace's thread-time samples end in a pseudo frame: CPU_TIME (running managed code) or UNMANAGED_CODE_TIME
// (in native code: a wait, or real work such as SQLite). Native time under a wait frame is waiting, not running.
const wait = /(WaitNative|WaitForSignal|WaitOneNoCheck|WaitOneCore|Monitor\.Wait|Thread\.Sleep|SleepInternal|WaitForSocketEvents|EventLoop\(\)|Heartbeat|TimerQueue|ManualResetEventSlim\.Wait|LowLevelSpinWaiter|Interop\+Sys\.(Read|Poll|Accept)|WaitSubsystem|SignalAndWait|Thread \(\d+\)$|StartCallback\(\)$|WorkerThreadStart\(\)$)/;
const excl = new Map(), incl = new Map();
let total = 0, idleTime = 0, managed = 0;
function sample(stack, weight) {
  if (!stack.length) return;
  let names = stack.map((i) => frames[i]);
  const pseudo = names[names.length - 1];
  if (pseudo === "CPU_TIME" || pseudo === "UNMANAGED_CODE_TIME") names = names.slice(0, -1);
  const top = names[names.length - 1] ?? "";
  if (pseudo !== "CPU_TIME" && wait.test(top)) { idleTime += weight; return; }
  total += weight;
  if (pseudo === "CPU_TIME") managed += weight;
  excl.set(top, (excl.get(top) ?? 0) + weight);
  for (const name of new Set(names)) incl.set(name, (incl.get(name) ?? 0) + weight);
}
for (const p of doc.profiles) {
  if (p.type === "sampled") {
    p.samples.forEach((s, i) => sample(s, p.weights[i]));
  } else {
    const stack = [];
    let last = p.startValue;
    for (const e of p.events) {
      if (stack.length) sample(stack.slice(), e.at - last);
      last = e.at;
      if (e.type === "O") stack.push(e.frame); else stack.pop();
    }
  }
}
const show = (title, m) => {
  console.log(`\n${title} (share of ${total.toFixed(0)} running ms, ${managed.toFixed(0)} of them in managed code; ${idleTime.toFixed(0)} ms waiting not counted)`);
  [...m].filter(([k]) => !filter || new RegExp(filter).test(k)).sort((a, b) => b[1] - a[1]).slice(0, n)
    .forEach(([k, v]) => console.log(`${((100 * v) / total).toFixed(1).padStart(5)} %  ${k.slice(0, 160)}`));
};
show("exclusive", excl);
show("inclusive", incl);
// BY=<regex>: for the running samples whose top frame matches it, the nearest PestProtocol frame below (who called it).
if (process.env.BY) {
  const by = new RegExp(process.env.BY), callers = new Map();
  let sum = 0;
  for (const p of doc.profiles) {
    const stack = [];
    let last = p.startValue;
    for (const e of p.events ?? []) {
      if (stack.length) {
        const names = stack.map((i) => frames[i]).filter((x) => x !== "CPU_TIME" && x !== "UNMANAGED_CODE_TIME");
        if (by.test(names[names.length - 1] ?? "")) {
          const own = [...names].reverse().filter((x) => /^PestProtocol/.test(x) && !/Middleware|BotAdapter|CloudAdapter|d__\d+\.MoveNext\(\)$/.test(x) || /^PestProtocol.*(Store|Storage|Case|Steps?|UnitOfWork|Reference)\w*\+<\w+>d__/.test(x)).slice(0, 2).join("  <-  ");
          callers.set(own, (callers.get(own) ?? 0) + (e.at - last)); sum += e.at - last;
        }
      }
      last = e.at;
      if (e.type === "O") stack.push(e.frame); else stack.pop();
    }
  }
  console.log(`\ncallers of /${process.env.BY}/ (${sum.toFixed(0)} ms)`);
  [...callers].sort((a, b) => b[1] - a[1]).slice(0, n).forEach(([k, v]) => console.log(`${((100 * v) / sum).toFixed(1).padStart(5)} %  ${k.slice(0, 220)}`));
}

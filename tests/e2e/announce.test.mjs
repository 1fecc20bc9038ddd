// The announcer's rate and words, on a clock the test moves (no waiting): one message a
// second at most while playing, a summary on pause, a dragged weight spoken once it rests,
// every change by hand at once; the views are the core's (a session in Node).
import { test } from "node:test";
import assert from "node:assert/strict";
import { PLAYING_GAP, SETTLE, createAnnouncer } from "../../www/js/announce.js";
import { loadCore } from "./harness.mjs";

const core = await loadCore();

/** A clock and timers the test drives: `advance(ms)` runs whatever falls due. */
function fakeTime() {
  let t = 0;
  let timers = [];
  let id = 0;
  return {
    now: () => t,
    later: (f, ms) => {
      timers.push({ id: ++id, at: t + ms, f });
      return id;
    },
    cancel: (i) => {
      timers = timers.filter((x) => x.id !== i);
    },
    advance(ms) {
      const end = t + ms;
      for (;;) {
        const due = timers.filter((x) => x.at <= end).sort((a, b) => a.at - b.at)[0];
        if (!due) break;
        timers = timers.filter((x) => x !== due);
        t = due.at;
        due.f();
      }
      t = end;
    },
  };
}

/** A live region that counts what it was told. */
function region() {
  const said = [];
  return {
    said,
    get textContent() {
      return said.at(-1) ?? "";
    },
    set textContent(v) {
      said.push(v);
    },
  };
}

const session = () => new core.Session({ w1: 2, b1: -0.5, w2: 1.5, b2: 0.5 },
  { samples: [{ x: 0.2, y: 0.1 }, { x: 0.5, y: 0.9 }, { x: 0.8, y: 0.2 }], cost: "squared", learningRate: 3 });

test("playing speaks at most once a second, then a summary on pause", () => {
  const clock = fakeTime();
  const r = region();
  const announce = createAnnouncer(r, clock);
  const s = session();
  // Play pressed, then 4 s of it at 60 frames a second, an iteration a frame.
  announce(s.view(), { playing: true });
  for (let frame = 0; frame < 240; frame++) {
    s.advance(1, "pause");
    announce(s.view(), { playing: true });
    clock.advance(1000 / 60);
  }
  assert.ok(r.said.length >= 3 && r.said.length <= 5, `${r.said.length} messages in 4 s`);
  for (const m of r.said) assert.match(m, /^Iteration \d+, phase ready\. Cost, mean over 3 points, /);
  // Each message is the moment it was spoken at, not an older one.
  const spokenIterations = r.said.map((m) => Number(m.match(/^Iteration (\d+)/)[1]));
  assert.deepEqual([...spokenIterations].sort((a, b) => a - b), spokenIterations, "in order");
  const before = r.said.length;
  const start = s.view();
  announce(start, { playing: false });
  assert.equal(r.said.length, before + 1, "pausing speaks at once");
  assert.match(r.said.at(-1), /^Paused at iteration 240, after 240 iterations\. Cost, mean over 3 points, 0\.\d+, from 0\.\d+ when Play was pressed\.$/);
  clock.advance(5000);
  assert.equal(r.said.length, before + 1, "and nothing after");
});

test("a dragged weight is spoken once it rests, with the weight and the cost; a step at once", () => {
  const clock = fakeTime();
  const r = region();
  const announce = createAnnouncer(r, clock);
  const s = session();
  announce(s.view());
  assert.equal(r.said.length, 1);
  // A drag: 20 values 16 ms apart, nothing said until the weight rests.
  for (let i = 1; i <= 20; i++) {
    s.setParams({ w1: 2, b1: -0.5, w2: 1.5 - i * 0.05, b2: 0.5 });
    announce(s.view(), { settling: true });
    clock.advance(16);
  }
  assert.equal(r.said.length, 1, "nothing while dragging");
  clock.advance(SETTLE);
  assert.equal(r.said.length, 2, "once when it rests");
  const v = s.view();
  assert.equal(r.said[1], `w2 ${v.entries["now.w2"].spoken}. Cost, mean over 3 points, ${v.entries["now.cost"].spoken}. Mean gradient of w1 ${v.entries["mean.dCdW1"].spoken}, of w2 ${v.entries["mean.dCdW2"].spoken}.`);
  assert.match(r.said[1], /^w2 plus 0\.5000\. /);
  s.stepPhase();
  announce(s.view());
  assert.equal(r.said.length, 3, "a step is spoken at once");
  assert.match(r.said[2], /^Iteration 0, forward pass done\. y-hat plus 0\.\d+ for point 1; cost, mean over 3 points, 0\.\d+\. The gradients come with the backward pass\.$/);
  // The same moment again (a redraw) is not spoken twice.
  announce(s.view());
  assert.equal(r.said.length, 3);
  assert.ok(PLAYING_GAP <= 1000);
});
